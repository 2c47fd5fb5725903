package dev.shopset.gitpusher.git;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key (a repository and branch): work on one branch waits for other work on that
 * branch only. Keys are few (repositories times tiers), so locks are kept.
 */
final class KeyedLocks {

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Runs {@code work} holding the lock of {@code key}. */
  <T, E extends Exception> T with(String key, Work<T, E> work) throws E {
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  /** Work that may throw. */
  @FunctionalInterface
  interface Work<T, E extends Exception> {
    T run() throws E;
  }
}
