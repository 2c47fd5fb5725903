package dev.shopset.gitpusher.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes work from a queue in batches: waits for the first item, then gathers what arrives within
 * the window, up to the maximum count. A batch that starts with a new source head does not wait: a
 * pin bump is one small commit, and its latency is what a tier waits for new code.
 */
public final class BatchCollector {

  private final Duration window;
  private final int maxCount;

  public BatchCollector(Duration window, int maxCount) {
    if (maxCount < 1) {
      throw new IllegalArgumentException("maxCount must be at least 1");
    }
    this.window = window;
    this.maxCount = maxCount;
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
      Work more = queue.poll(left, TimeUnit.NANOSECONDS);
      if (more == null) {
        break;
      }
      items.add(more);
    }
    return items;
  }
}
