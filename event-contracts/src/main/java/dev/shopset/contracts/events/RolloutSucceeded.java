package dev.shopset.contracts.events;

import java.time.Instant;

/** Every replica runs the new revision and is available. */
public record RolloutSucceeded(
    Rollout rollout, ReplicaCounts replicas, Instant finishedAt, long durationMs)
    implements RolloutEvent {
  public RolloutSucceeded {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
    Require.present(finishedAt, "finishedAt");
  }
}
