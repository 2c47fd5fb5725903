package dev.shopset.contracts.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry delay of every ShopSet service (and a sound one for a consumer of its topics):
 * exponential from {@code initial}, capped at {@code max}, with "equal jitter" (half the delay
 * fixed, half random) so that many writers failing at once (branches, Slack lanes, reconciles) do
 * not retry in lockstep.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  public Backoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param random values in {@code [0, 1)}; tests pass a fixed one
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 <= initial <= max, was " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The delay before attempt {@code attempt} (1 = the first retry). */
  public Duration delay(int attempt) {
    Duration ceiling = ceiling(attempt);
    long half = ceiling.toNanos() / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling.toNanos() - half)));
  }

  /** The largest delay {@link #delay} may give for {@code attempt}: initial doubled, capped. */
  public Duration ceiling(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = initial.multipliedBy(factor);
    return d.compareTo(max) > 0 || d.isNegative() ? max : d;
  }

  public Duration max() {
    return max;
  }
}
