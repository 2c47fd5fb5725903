package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import java.time.Instant;
import java.util.TreeMap;

/** Sample rollout events for tests. */
public final class Rollouts {

  public static final Instant STARTED_AT = Instant.parse("2026-11-23T10:02:11Z");

  private Rollouts() {}

  public static Rollout rollout(
      String namespace, String deployment, long revision, String channel) {
    TreeMap<String, String> before = new TreeMap<>();
    before.put("app", "registry.example.com/shop/checkout:1.4.2");
    before.put("envoy", "envoyproxy/envoy:v1.31.0");
    TreeMap<String, String> after = new TreeMap<>(before);
    after.put("app", "registry.example.com/shop/checkout:1.5.0");
    return new Rollout(
        namespace,
        deployment,
        "eu-shops",
        "production",
        revision,
        before,
        after,
        channel,
        STARTED_AT);
  }

  public static Rollout rollout(String namespace, String deployment) {
    return rollout(namespace, deployment, 7, null);
  }

  public static RolloutStarted started(Rollout r) {
    return new RolloutStarted(r, new ReplicaCounts(5, 0, 5, 5, 0));
  }

  public static RolloutProgressing progressing(Rollout r, int updated) {
    return new RolloutProgressing(r, new ReplicaCounts(5, updated, 5, 5 - 1, 1));
  }

  public static RolloutSucceeded succeeded(Rollout r) {
    return new RolloutSucceeded(
        r, new ReplicaCounts(5, 5, 5, 5, 0), STARTED_AT.plusSeconds(134), 134_000);
  }

  public static RolloutFailed failed(Rollout r) {
    return new RolloutFailed(
        r,
        new ReplicaCounts(5, 2, 3, 3, 2),
        STARTED_AT.plusSeconds(600),
        600_000,
        "ProgressDeadlineExceeded",
        "ReplicaSet \"checkout-7d9f\" has timed out progressing.");
  }

  public static RolloutRolledBack rolledBack(Rollout r) {
    return new RolloutRolledBack(
        r, new ReplicaCounts(5, 5, 5, 5, 0), 6, STARTED_AT.plusSeconds(63), 63_000);
  }
}
