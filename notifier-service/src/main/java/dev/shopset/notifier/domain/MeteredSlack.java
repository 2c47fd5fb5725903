package dev.shopset.notifier.domain;

import java.util.Optional;

/**
 * A {@link SlackPort} that counts and times every call it passes on ({@link
 * NotifierMetrics#slackCall}): method {@code post}, {@code update} or {@code find}; outcome {@code
 * ok}, {@code retryable} or {@code error}.
 */
public final class MeteredSlack implements SlackPort {

  private final SlackPort slack;
  private final NotifierMetrics metrics;

  public MeteredSlack(SlackPort slack, NotifierMetrics metrics) {
    this.slack = slack;
    this.metrics = metrics;
  }

  @Override
  public boolean supportsUpdates() {
    return slack.supportsUpdates();
  }

  @Override
  public SlackRef post(String channel, SlackMessage message, String threadTs, String marker)
      throws SlackException {
    long start = System.nanoTime();
    try {
      SlackRef ref = slack.post(channel, message, threadTs, marker);
      metrics.slackCall("post", "ok", System.nanoTime() - start);
      return ref;
    } catch (SlackException e) {
      metrics.slackCall("post", outcome(e), System.nanoTime() - start);
      throw e;
    }
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) throws SlackException {
    long start = System.nanoTime();
    try {
      slack.update(channel, ts, message);
      metrics.slackCall("update", "ok", System.nanoTime() - start);
    } catch (SlackException e) {
      metrics.slackCall("update", outcome(e), System.nanoTime() - start);
      throw e;
    }
  }

  @Override
  public Optional<SlackRef> findPosted(String channel, String marker, String threadTs)
      throws SlackException {
    long start = System.nanoTime();
    try {
      Optional<SlackRef> found = slack.findPosted(channel, marker, threadTs);
      metrics.slackCall("find", "ok", System.nanoTime() - start);
      return found;
    } catch (SlackException e) {
      metrics.slackCall("find", outcome(e), System.nanoTime() - start);
      throw e;
    }
  }

  private static String outcome(SlackException e) {
    return e.retryable() ? "retryable" : "error";
  }
}
