package dev.shopset.notifier.domain;

import java.time.Duration;

/** Waits; the notifier's lanes are plain threads, so waiting for a token or a retry blocks one. */
@FunctionalInterface
public interface Pacer {

  void pause(Duration duration) throws InterruptedException;

  /** The real clock. */
  Pacer SLEEP =
      d -> {
        if (!d.isZero() && !d.isNegative()) {
          Thread.sleep(d);
        }
      };
}
