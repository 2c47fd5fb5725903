package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * The Deployment went back to an earlier template; {@link Rollout#revision()} is the abandoned one.
 *
 * @param toRevision the revision now rolled out again
 */
@JsonClassDescription("The Deployment went back to an earlier revision.")
public record RolloutRolledBack(
    @JsonPropertyDescription(
            "The rollout this event belongs to; its revision is the abandoned one.")
        Rollout rollout,
    @JsonPropertyDescription("The replica counts when it was rolled back.") ReplicaCounts replicas,
    @JsonPropertyDescription("The revision now rolled out again.") long toRevision,
    @JsonPropertyDescription("When the rollback was seen (RFC 3339, UTC).") Instant finishedAt,
    @JsonPropertyDescription("Milliseconds from startedAt to finishedAt.") long durationMs)
    implements RolloutEvent {
  public RolloutRolledBack {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
    Require.present(finishedAt, "finishedAt");
  }
}
