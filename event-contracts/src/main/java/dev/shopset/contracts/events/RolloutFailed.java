package dev.shopset.contracts.events;

import java.time.Instant;

/**
 * The rollout did not complete in time.
 *
 * @param reason the Deployment condition's reason, e.g. {@code ProgressDeadlineExceeded}
 * @param message the Deployment condition's message
 */
public record RolloutFailed(
    Rollout rollout,
    ReplicaCounts replicas,
    Instant finishedAt,
    long durationMs,
    String reason,
    String message)
    implements RolloutEvent {
  public RolloutFailed {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
    Require.present(finishedAt, "finishedAt");
    Require.present(reason, "reason");
  }
}
