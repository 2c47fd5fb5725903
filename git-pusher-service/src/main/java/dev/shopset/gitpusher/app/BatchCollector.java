package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes work from a branch's pending work in batches: waits for the first item, then gathers what
 * keeps arriving, until nothing has come for the quiet period, the window since the first item has
 * passed, or the maximum count is reached. A lone change waits only the quiet period; a stream of
 * changes (a fan-out, a burst) still becomes one commit per window. A batch that starts with a pin
 * request does not wait at all: a pin bump is one small commit, and its latency is what a tier
 * waits for new code.
 */
public final class BatchCollector {

  private final Duration window;
  private final Duration quiet;
  private final int maxCount;

  /**
   * @param window longest wait from a batch's first item
   * @param quiet the batch closes once no item has arrived for this long (at most the window)
   * @param maxCount most items in a batch
   */
  public BatchCollector(Duration window, Duration quiet, int maxCount) {
    if (maxCount < 1) {
      throw new IllegalArgumentException("maxCount must be at least 1");
    }
    if (quiet.isNegative() || quiet.isZero()) {
      throw new IllegalArgumentException("quiet must be positive, was " + quiet);
    }
    this.window = window;
    this.quiet = quiet.compareTo(window) < 0 ? quiet : window;
    this.maxCount = maxCount;
  }

  /** Batches that always wait the whole window (no quiet period). */
  public BatchCollector(Duration window, int maxCount) {
    this(window, window, maxCount);
  }

  public int maxCount() {
    return maxCount;
  }

  /** The next batch; blocks until there is at least one item. */
  List<Work> next(PendingWork pending) throws InterruptedException {
    return next(pending, null);
  }

  /**
   * The next batch; waits at most {@code firstWithin} (null: for ever) for its first item and
   * returns an empty list when none came.
   */
  List<Work> next(PendingWork pending, Duration firstWithin) throws InterruptedException {
    List<Work> items = new ArrayList<>();
    Work first = firstWithin == null ? pending.take() : pending.poll(firstWithin.toNanos());
    if (first == null) {
      return items;
    }
    items.add(first);
    if (first instanceof Work.Pin) {
      pending.drainTo(items, maxCount - 1);
      return items;
    }
    long deadline = System.nanoTime() + window.toNanos();
    while (items.size() < maxCount) {
      pending.drainTo(items, maxCount - items.size());
      long left = deadline - System.nanoTime();
      if (items.size() >= maxCount || left <= 0) {
        break;
      }
      Work more = pending.poll(Math.min(left, quiet.toNanos()));
      if (more == null) {
        break;
      }
      items.add(more);
    }
    return items;
  }
}
