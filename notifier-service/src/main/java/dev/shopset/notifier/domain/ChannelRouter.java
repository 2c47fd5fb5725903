package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.Rollout;
import java.util.Map;

/**
 * Pure: picks a rollout's Slack channel. The event's {@code shopset.dev/slack-channel} annotation
 * wins, then the namespace's channel, then the tier's, then the default.
 */
public final class ChannelRouter {

  private final String defaultChannel;
  private final Map<String, String> byNamespace;
  private final Map<String, String> byTier;

  public ChannelRouter(
      String defaultChannel, Map<String, String> byNamespace, Map<String, String> byTier) {
    this.defaultChannel = defaultChannel;
    this.byNamespace = Map.copyOf(byNamespace);
    this.byTier = Map.copyOf(byTier);
  }

  public String channel(Rollout rollout) {
    if (rollout.slackChannel() != null && !rollout.slackChannel().isBlank()) {
      return rollout.slackChannel().strip();
    }
    String namespace = byNamespace.get(rollout.namespace());
    if (namespace != null) {
      return namespace;
    }
    String tier = rollout.tier() == null ? null : byTier.get(rollout.tier());
    return tier != null ? tier : defaultChannel;
  }
}
