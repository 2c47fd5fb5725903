package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.Work;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work waiting for one branch's writer, compact: only the latest arrival per key (ShopSet,
 * source branch) is kept (see {@link dev.shopset.gitpusher.domain.Batch} for why arrival, not
 * generation), the one it replaces is done when it is. Its size is what holds the branch's intake
 * back.
 */
final class PendingWork {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final LinkedHashMap<String, Work> byKey = new LinkedHashMap<>();

  /** Adds {@code work}; returns how many keys are pending. */
  int put(Work work) {
    lock.lock();
    try {
      Work previous = byKey.remove(work.key());
      byKey.put(work.key(), work);
      if (previous != null) {
        Work.supersede(previous, work);
      }
      notEmpty.signalAll();
      return byKey.size();
    } finally {
      lock.unlock();
    }
  }

  /** The oldest pending work, waiting at most {@code nanos}; null when none came. */
  Work poll(long nanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = nanos;
      while (byKey.isEmpty()) {
        if (left <= 0) {
          return null;
        }
        left = notEmpty.awaitNanos(left);
      }
      return removeFirst();
    } finally {
      lock.unlock();
    }
  }

  /** The oldest pending work; waits for one. */
  Work take() throws InterruptedException {
    return poll(TimeUnit.DAYS.toNanos(365));
  }

  /** Moves up to {@code max} pending items to {@code into}; returns how many. */
  int drainTo(List<Work> into, int max) {
    lock.lock();
    try {
      int n = 0;
      while (n < max && !byKey.isEmpty()) {
        into.add(removeFirst());
        n++;
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return byKey.size();
    } finally {
      lock.unlock();
    }
  }

  private Work removeFirst() {
    Iterator<Work> it = byKey.values().iterator();
    Work first = it.next();
    it.remove();
    return first;
  }
}
