package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** Every replica runs the new revision and is available. */
@JsonClassDescription("Every replica runs the new revision and is available.")
public record RolloutSucceeded(
    @JsonPropertyDescription("The rollout this event ends.") Rollout rollout,
    @JsonPropertyDescription("The replica counts at the end.") ReplicaCounts replicas,
    @JsonPropertyDescription("When every replica was updated and available (RFC 3339, UTC).")
        Instant finishedAt,
    @JsonPropertyDescription("Milliseconds from startedAt to finishedAt.") long durationMs)
    implements RolloutEvent {
  public RolloutSucceeded {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
    Require.present(finishedAt, "finishedAt");
  }
}
