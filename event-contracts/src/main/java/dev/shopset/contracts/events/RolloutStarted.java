package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A new revision of the Deployment began rolling out. */
@JsonClassDescription("A new revision of a Deployment began rolling out.")
public record RolloutStarted(
    @JsonPropertyDescription("The rollout this event begins.") Rollout rollout,
    @JsonPropertyDescription("The replica counts at the start.") ReplicaCounts replicas)
    implements RolloutEvent {
  public RolloutStarted {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
  }
}
