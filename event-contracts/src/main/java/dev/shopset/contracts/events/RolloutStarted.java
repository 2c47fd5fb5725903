package dev.shopset.contracts.events;

/** A new revision of the Deployment began rolling out. */
public record RolloutStarted(Rollout rollout, ReplicaCounts replicas) implements RolloutEvent {
  public RolloutStarted {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
  }
}
