package dev.shopset.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The notifier's settings ({@code notifier.*}); each is described in application.properties. */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

  SlackSettings slack();

  Routing routing();

  Limits limits();

  Messages messages();

  Interactions interactions();

  /** How to reach Slack; neither token nor webhook means log-only. */
  interface SlackSettings {
    Optional<String> token();

    @WithDefault("https://slack.com/api/")
    String apiUrl();

    Optional<String> webhookUrl();

    @WithDefault("10s")
    Duration timeout();
  }

  /** Which channel a rollout goes to. */
  interface Routing {
    @WithDefault("#deployments")
    String defaultChannel();

    Map<String, String> namespaces();

    Map<String, String> tiers();
  }

  /** Rate limits and retry timing. */
  interface Limits {
    @WithDefault("1")
    double postsPerSecondPerChannel();

    @WithDefault("50")
    int updatesPerMinute();

    @WithDefault("10")
    int updateBurst();

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** A channel held back on one record for longer than this makes readiness DOWN. */
    @WithDefault("2m")
    Duration heldBackAfter();
  }

  /** The compacted mapping topic. */
  interface Messages {
    @WithDefault("shopset.notifier.messages")
    String topic();

    @WithDefault("6")
    int partitions();
  }

  /** Buttons in Slack: request verification and who a Slack user is in Kubernetes. */
  interface Interactions {
    /** The Slack app's signing secret; without it {@code /slack/interactions} is disabled. */
    Optional<String> signingSecret();

    /** How far a request's timestamp may be from now, either way. */
    @WithDefault("5m")
    Duration window();

    /** A file of {@code SLACK_USER_ID: kubernetes-user, group...} lines (a mounted ConfigMap). */
    Optional<String> usersFile();

    /** More mappings: Slack user id to {@code kubernetes-user, group...}. */
    Map<String, String> users();

    /** The CloudEvents source of the actions the notifier publishes. */
    @WithDefault("/shopset/notifier")
    String source();
  }
}
