package dev.shopset.contracts.events;

import java.time.Instant;

/**
 * The Deployment went back to an earlier template; {@link Rollout#revision()} is the abandoned one.
 *
 * @param toRevision the revision now rolled out again
 */
public record RolloutRolledBack(
    Rollout rollout, ReplicaCounts replicas, long toRevision, Instant finishedAt, long durationMs)
    implements RolloutEvent {
  public RolloutRolledBack {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
    Require.present(finishedAt, "finishedAt");
  }
}
