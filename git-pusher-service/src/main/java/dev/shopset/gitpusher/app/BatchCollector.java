package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes work from a queue in batches: waits for the first item, then gathers what keeps arriving,
 * until nothing has come for the quiet period, the window since the first item has passed, or the
 * maximum count is reached. A lone change waits only the quiet period; a stream of changes (a
 * fan-out, a burst) still becomes one commit per window. A batch that starts with a new source head
 * does not wait at all: a pin bump is one small commit, and its latency is what a tier waits for
 * new code.
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

  /** The next batch; blocks until there is at least one item. */
  public List<Work> next(BlockingQueue<Work> queue) throws InterruptedException {
    List<Work> items = new ArrayList<>();
    items.add(queue.take());
    if (items.get(0) instanceof Work.Source) {
      queue.drainTo(items, maxCount - 1);
      return items;
    }
    long deadline = System.nanoTime() + window.toNanos();
    while (items.size() < maxCount) {
      queue.drainTo(items, maxCount - items.size());
      long left = deadline - System.nanoTime();
      if (items.size() >= maxCount || left <= 0) {
        break;
      }
      Work more = queue.poll(Math.min(left, quiet.toNanos()), TimeUnit.NANOSECONDS);
      if (more == null) {
        break;
      }
      items.add(more);
    }
    return items;
  }
}
