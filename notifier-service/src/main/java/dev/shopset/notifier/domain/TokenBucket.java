package dev.shopset.notifier.domain;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. */
public final class TokenBucket {

  private final double nanosPerToken;
  private final double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.nanosPerToken = 1e9 / ratePerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.last = nanoTime.getAsLong();
    this.tokens = burst;
  }

  /** Takes one token now and says how long the caller must wait before using it (zero if none). */
  public synchronized Duration reserve() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) / nanosPerToken);
    last = now;
    tokens -= 1;
    return tokens >= 0
        ? Duration.ZERO
        : Duration.ofNanos((long) Math.ceil(-tokens * nanosPerToken));
  }

  /**
   * Counts the refill from now rather than from when the token was taken: called when a call
   * returns, it makes the gap between two calls' arrivals at Slack at least one interval, however
   * long the first call spent on the way.
   */
  public synchronized void refillFromNow() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(tokens + (now - last) / nanosPerToken, burst - 1);
    last = now;
  }
}
