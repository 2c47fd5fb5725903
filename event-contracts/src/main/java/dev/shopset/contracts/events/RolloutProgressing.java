package dev.shopset.contracts.events;

/** More replicas of the new revision are updated or available (throttled per rollout). */
public record RolloutProgressing(Rollout rollout, ReplicaCounts replicas) implements RolloutEvent {
  public RolloutProgressing {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
  }
}
