package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** More replicas of the new revision are updated or available (throttled per rollout). */
@JsonClassDescription(
    "More replicas of the new revision are updated or available (throttled per rollout).")
public record RolloutProgressing(
    @JsonPropertyDescription("The rollout this event belongs to.") Rollout rollout,
    @JsonPropertyDescription("The replica counts now.") ReplicaCounts replicas)
    implements RolloutEvent {
  public RolloutProgressing {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
  }
}
