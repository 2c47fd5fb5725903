package dev.shopset.local;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling for conditions of processes that offer nothing to wait on (a git ref, an API field). */
public final class Waits {

  private static final Duration POLL = Duration.ofMillis(200);

  private Waits() {}

  /**
   * Returns as soon as {@code condition} holds; throws an {@link IllegalStateException} naming
   * {@code what} when it does not within {@code timeout}.
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Gave up after " + timeout + " waiting for " + what);
      }
      pause(POLL);
    }
  }

  /** Lets time pass, e.g. between two steps a simulated controller reports. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
