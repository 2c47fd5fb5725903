package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.Backoff;
import java.time.Duration;

/**
 * How every branch writer batches and retries.
 *
 * @param window longest wait from a batch's first item
 * @param quiet a batch closes once nothing has arrived for this long
 * @param maxCount most items in one commit
 * @param maxRejections non-fast-forward pushes re-applied at most this often
 * @param backoff delay between retries
 */
public record CommitterSettings(
    Duration window, Duration quiet, int maxCount, int maxRejections, Backoff backoff) {

  BatchCollector collector() {
    return new BatchCollector(window, quiet, maxCount);
  }
}
