package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * The rollout did not complete in time.
 *
 * @param reason the Deployment condition's reason, e.g. {@code ProgressDeadlineExceeded}
 * @param message the Deployment condition's message
 */
@JsonClassDescription("The rollout did not complete in time.")
public record RolloutFailed(
    @JsonPropertyDescription("The rollout this event belongs to.") Rollout rollout,
    @JsonPropertyDescription("The replica counts when it failed.") ReplicaCounts replicas,
    @JsonPropertyDescription("When it was declared failed (RFC 3339, UTC).") Instant finishedAt,
    @JsonPropertyDescription("Milliseconds from startedAt to finishedAt.") long durationMs,
    @JsonPropertyDescription("The Deployment condition's reason, e.g. ProgressDeadlineExceeded.")
        String reason,
    @JsonPropertyDescription("The Deployment condition's message.") String message)
    implements RolloutEvent {
  public RolloutFailed {
    Require.present(rollout, "rollout");
    Require.present(replicas, "replicas");
    Require.present(finishedAt, "finishedAt");
    Require.present(reason, "reason");
  }
}
