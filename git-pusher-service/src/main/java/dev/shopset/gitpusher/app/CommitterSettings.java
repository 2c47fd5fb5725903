package dev.shopset.gitpusher.app;

import dev.shopset.contracts.retry.Backoff;
import java.time.Duration;

/**
 * How every branch writer batches, holds back and retries.
 *
 * @param window longest wait from a batch's first item
 * @param quiet a batch closes once nothing has arrived for this long
 * @param maxCount most items in one commit
 * @param maxRejections non-fast-forward pushes re-applied at most this often
 * @param backoff delay between retries of transient failures and rejected pushes
 * @param heldBackoff delay between retries of held work and of a branch failing terminally (long:
 *     someone has to fix something first)
 * @param maxPending pending work (ShopSets, sources) above which the branch's intake is held back
 * @param closeWait how long closing a writer waits for a push in flight
 */
public record CommitterSettings(
    Duration window,
    Duration quiet,
    int maxCount,
    int maxRejections,
    Backoff backoff,
    Backoff heldBackoff,
    int maxPending,
    Duration closeWait) {

  BatchCollector collector() {
    return new BatchCollector(window, quiet, maxCount);
  }
}
