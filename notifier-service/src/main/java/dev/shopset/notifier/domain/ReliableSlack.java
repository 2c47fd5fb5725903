package dev.shopset.notifier.domain;

import dev.shopset.contracts.retry.Backoff;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slack calls within the rate limits, retried until Slack accepts or refuses for good: a token
 * bucket per channel for posts and one for updates, Retry-After honoured, exponential backoff on
 * 5xx and network errors, and no second post when a post's answer was lost or rate-limited.
 */
public final class ReliableSlack {

  private final SlackPort slack;
  private final SlackLimits limits;
  private final Pacer pacer;
  private final LongSupplier nanoTime;
  private final Map<String, TokenBucket> postBuckets = new ConcurrentHashMap<>();
  // Slack answers with channel ids; replies go to the id, so both names share one bucket.
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final TokenBucket updateBucket;
  private final NotifierMetrics metrics;
  private final Backoff backoff;

  public ReliableSlack(
      SlackPort slack,
      SlackLimits limits,
      Pacer pacer,
      LongSupplier nanoTime,
      NotifierMetrics metrics) {
    this.slack = slack;
    this.limits = limits;
    this.backoff = new Backoff(limits.initialBackoff(), limits.maxBackoff());
    this.pacer = pacer;
    this.nanoTime = nanoTime;
    this.metrics = metrics;
    this.updateBucket =
        new TokenBucket(limits.updatesPerMinute() / 60.0, limits.updateBurst(), nanoTime);
  }

  public boolean supportsUpdates() {
    return slack.supportsUpdates();
  }

  /** Waits for the app's chat.update budget: lets callers coalesce what arrived meanwhile. */
  public void awaitUpdateBudget() throws InterruptedException {
    pacer.pause(updateBucket.reserve());
  }

  /**
   * Posts once. When an attempt fails retryably, the next attempt first looks for the message by
   * its marker: Slack may have posted it although the answer was a 429 or never arrived.
   *
   * @param maybePosted whether an earlier attempt (e.g. before a restart) may have posted it
   */
  public SlackPort.SlackRef post(
      String channel, SlackMessage message, String threadTs, String marker, boolean maybePosted)
      throws SlackException, InterruptedException {
    boolean lookFirst = maybePosted && slack.supportsUpdates();
    int failures = 0;
    while (true) {
      try {
        if (lookFirst) {
          Optional<SlackPort.SlackRef> found = slack.findPosted(channel, marker, threadTs);
          if (found.isPresent()) {
            alias(found.get(), channel);
            metrics.duplicateAvoided();
            return found.get();
          }
        }
        TokenBucket bucket = bucket(channel);
        pacer.pause(bucket.reserve());
        SlackPort.SlackRef ref;
        try {
          ref = slack.post(channel, message, threadTs, marker);
        } finally {
          bucket.refillFromNow();
        }
        alias(ref, channel);
        return ref;
      } catch (SlackException e) {
        if (!e.retryable()) {
          throw e;
        }
        lookFirst = slack.supportsUpdates();
        waitAfter(e, ++failures);
      }
    }
  }

  /** Updates a posted message, retrying until Slack accepts it. */
  public void update(String channel, String ts, SlackMessage message, boolean budgetTaken)
      throws SlackException, InterruptedException {
    int failures = 0;
    boolean haveToken = budgetTaken;
    while (true) {
      try {
        if (!haveToken) {
          awaitUpdateBudget();
        }
        haveToken = false;
        slack.update(channel, ts, message);
        return;
      } catch (SlackException e) {
        if (!e.retryable()) {
          throw e;
        }
        waitAfter(e, ++failures);
      }
    }
  }

  /** Waits what Slack asked for (Retry-After), else the jittered backoff of the failure count. */
  private void waitAfter(SlackException e, int failures) throws InterruptedException {
    metrics.retried(e.reason());
    pacer.pause(e.retryAfter() != null ? e.retryAfter() : backoff.delay(failures));
  }

  private void alias(SlackPort.SlackRef ref, String channel) {
    if (ref.channel() != null && !ref.channel().equals(channel)) {
      aliases.putIfAbsent(ref.channel(), aliases.getOrDefault(channel, channel));
    }
  }

  private TokenBucket bucket(String name) {
    String channel = aliases.getOrDefault(name, name);
    return postBuckets.computeIfAbsent(
        channel, c -> new TokenBucket(limits.postsPerSecondPerChannel(), 1, nanoTime));
  }
}
