package dev.shopset.notifier.domain;

import java.time.Duration;

/**
 * Rate limits and retry timing.
 *
 * @param postsPerSecondPerChannel Slack's chat.postMessage limit: about one a second per channel
 * @param updatesPerMinute the app's chat.update budget (Slack's Tier 3: 50+ a minute)
 * @param updateBurst how many updates may go out at once within that budget
 */
public record SlackLimits(
    double postsPerSecondPerChannel,
    int updatesPerMinute,
    int updateBurst,
    Duration initialBackoff,
    Duration maxBackoff) {

  public static SlackLimits defaults() {
    return new SlackLimits(1.0, 50, 10, Duration.ofMillis(200), Duration.ofSeconds(30));
  }
}
