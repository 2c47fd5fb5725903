package dev.shopset.notifier.domain;

import java.time.Duration;

/** A Slack call that did not succeed; {@link #retryable()} says whether trying again can help. */
public class SlackException extends Exception {

  private final boolean retryable;
  private final Duration retryAfter;
  private final String reason;

  private SlackException(String reason, boolean retryable, Duration retryAfter, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** Rate limited (HTTP 429): try again after {@code retryAfter}. */
  public static SlackException rateLimited(Duration retryAfter) {
    return new SlackException("ratelimited", true, retryAfter, null);
  }

  /** A 5xx, a timeout or a network error: back off and try again. */
  public static SlackException transientFailure(String reason, Throwable cause) {
    return new SlackException(reason, true, null, cause);
  }

  /** Slack said no in a way no retry changes, e.g. {@code channel_not_found}. */
  public static SlackException terminal(String reason) {
    return new SlackException(reason, false, null, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** The wait Slack asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Slack's error code or a short description. */
  public String reason() {
    return reason;
  }
}
