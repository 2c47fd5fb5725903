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
  private final boolean fixed;

  public ChannelRouter(
      String defaultChannel, Map<String, String> byNamespace, Map<String, String> byTier) {
    this(defaultChannel, byNamespace, byTier, false);
  }

  private ChannelRouter(
      String defaultChannel,
      Map<String, String> byNamespace,
      Map<String, String> byTier,
      boolean fixed) {
    this.defaultChannel = defaultChannel;
    this.byNamespace = Map.copyOf(byNamespace);
    this.byTier = Map.copyOf(byTier);
    this.fixed = fixed;
  }

  /** Every rollout to one channel: an incoming webhook can post only to its own. */
  public static ChannelRouter single(String channel) {
    return new ChannelRouter(channel, Map.of(), Map.of(), true);
  }

  public String channel(Rollout rollout) {
    if (fixed) {
      return defaultChannel;
    }
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

  /** A Promotion's channel: its namespace's, else its target Tier's, else the default. */
  public String channel(String namespace, String toTier) {
    if (fixed) {
      return defaultChannel;
    }
    String byNs = namespace == null ? null : byNamespace.get(namespace);
    if (byNs != null) {
      return byNs;
    }
    String tier = toTier == null ? null : byTier.get(toTier);
    return tier != null ? tier : defaultChannel;
  }
}
