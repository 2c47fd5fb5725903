package dev.shopset.gitpusher.domain;

import java.time.Duration;

/** Exponential backoff between an initial and a maximum delay. */
public record Backoff(Duration initial, Duration max) {

  /** The delay before attempt {@code attempt} (1 = the first retry). */
  public Duration delay(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
    Duration d = initial.multipliedBy(factor);
    return d.compareTo(max) > 0 ? max : d;
  }
}
