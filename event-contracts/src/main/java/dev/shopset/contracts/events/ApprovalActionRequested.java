package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/**
 * A person asked, outside Kubernetes (a Slack button), to approve or reject a Promotion, or to
 * promote or roll back a Tier. The watcher checks the actor against the Tier's policy and carries
 * it out or refuses it (in the next {@link PromotionApprovalState}); {@code interactionId} dedupes
 * redeliveries.
 */
@JsonClassDescription(
    "A person asked (from Slack) to approve or reject a Promotion, or to promote or roll back a"
        + " Tier; the watcher checks them against the Tier's policy.")
public record ApprovalActionRequested(
    @JsonPropertyDescription("APPROVE, REJECT, PROMOTE or ROLLBACK.") Action action,
    @JsonPropertyDescription(
            "The Promotion's namespace; absent for a cluster-scoped Promotion (every Promotion"
                + " today).")
        String namespace,
    @JsonPropertyDescription(
            "The Promotion approved or rejected; for PROMOTE and ROLLBACK the name to give the new"
                + " Promotion (absent: the watcher names it).")
        String promotion,
    @JsonPropertyDescription(
            "For PROMOTE the Tier whose code moves up; for ROLLBACK the Tier rolled back; absent"
                + " for APPROVE and REJECT.")
        String tier,
    @JsonPropertyDescription(
            "For PROMOTE the commit to promote (absent: the head); for ROLLBACK the commit to go"
                + " back to.")
        String commit,
    @JsonPropertyDescription("The Kubernetes user name the person maps to.") String actor,
    @JsonPropertyDescription("The Kubernetes groups the person maps to.") List<String> actorGroups,
    @JsonPropertyDescription("The Slack user id that clicked; absent when not from Slack.")
        String slackUser,
    @JsonPropertyDescription(
            "Unique per interaction (Slack's action_ts and trigger_id): a redelivery with the same"
                + " id changes nothing.")
        String interactionId,
    @JsonPropertyDescription("Why, as the person wrote it; absent when none was given.")
        String reason,
    @JsonPropertyDescription("When the person asked (RFC 3339, UTC).") Instant requestedAt)
    implements ApprovalEvent {

  public ApprovalActionRequested {
    Require.present(action, "action");
    Require.present(actor, "actor");
    Require.present(interactionId, "interactionId");
    actorGroups = Require.list(actorGroups);
    if (action == Action.APPROVE || action == Action.REJECT) {
      Require.present(promotion, "promotion");
    } else {
      Require.present(tier, "tier");
    }
    if (action == Action.ROLLBACK) {
      Require.present(commit, "commit");
    }
  }

  @Override
  public String key() {
    return promotion != null
        ? Keys.promotion(namespace, promotion)
        : Keys.promotion(namespace, tier);
  }

  /** What the person asked for. */
  public enum Action {
    APPROVE,
    REJECT,
    PROMOTE,
    ROLLBACK
  }
}
