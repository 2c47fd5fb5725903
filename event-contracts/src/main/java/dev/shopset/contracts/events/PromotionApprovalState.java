package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/**
 * Where a Promotion stands, whole (never a delta): who requested it, who approved or rejected it,
 * how many approvals it still needs, and whether it ran. Published by the watcher on every change;
 * a resync that changes nothing publishes nothing.
 */
@JsonClassDescription(
    "Where a Promotion stands, whole: who requested it, who approved or rejected it, how many"
        + " approvals it needs, and whether it ran.")
public record PromotionApprovalState(
    @JsonPropertyDescription("The Promotion's namespace; absent for a cluster-scoped Promotion.")
        String namespace,
    @JsonPropertyDescription("The Promotion resource's name.") String promotion,
    @JsonPropertyDescription("The Promotion's metadata.generation this state describes.")
        long generation,
    @JsonPropertyDescription("The Tier whose code is promoted (for a rollback: the Tier itself).")
        String fromTier,
    @JsonPropertyDescription("The Tier that receives it.") String toTier,
    @JsonPropertyDescription("The commit asked for; absent: fromTier's head.") String commit,
    @JsonPropertyDescription("Whether this is an explicit rollback of toTier to commit.")
        boolean rollback,
    @JsonPropertyDescription("The Kubernetes user who created the Promotion; absent if unknown.")
        String requestedBy,
    @JsonPropertyDescription("How many distinct approvals the target Tier's policy requires.")
        int approvalsRequired,
    @JsonPropertyDescription("The approvals counted so far, oldest first.")
        List<Approval> approvals,
    @JsonPropertyDescription("Who rejected it; absent unless state is REJECTED.") String rejectedBy,
    @JsonPropertyDescription(
            "A CamelCase word a machine can match: why it was rejected, failed or refused an"
                + " action (NotAllowed, SelfApproval, NotPending, ...).")
        String reason,
    @JsonPropertyDescription(
            "PENDING_APPROVAL, APPROVED, REJECTED, EXPIRED, RUNNING, SUCCEEDED or FAILED.")
        State state,
    @JsonPropertyDescription("When a pending Promotion expires (RFC 3339, UTC).") Instant expiresAt,
    @JsonPropertyDescription("What happened last, for a person.") String message,
    @JsonPropertyDescription(
            "For a SUCCEEDED Promotion that moved toTier's branch: the commit the branch held"
                + " before, what a rollback goes back to. Absent otherwise or when not known.")
        String previousCommit)
    implements ApprovalEvent {

  /** A state that names no commit to roll back to. */
  public PromotionApprovalState(
      String namespace,
      String promotion,
      long generation,
      String fromTier,
      String toTier,
      String commit,
      boolean rollback,
      String requestedBy,
      int approvalsRequired,
      List<Approval> approvals,
      String rejectedBy,
      String reason,
      State state,
      Instant expiresAt,
      String message) {
    this(
        namespace,
        promotion,
        generation,
        fromTier,
        toTier,
        commit,
        rollback,
        requestedBy,
        approvalsRequired,
        approvals,
        rejectedBy,
        reason,
        state,
        expiresAt,
        message,
        null);
  }

  public PromotionApprovalState {
    Require.present(promotion, "promotion");
    Require.present(fromTier, "fromTier");
    Require.present(toTier, "toTier");
    Require.present(state, "state");
    approvals = Require.list(approvals);
  }

  /** How many more approvals it needs (0 once it has enough). */
  public int approvalsMissing() {
    return Math.max(0, approvalsRequired - approvals.size());
  }

  /** Where a Promotion stands. */
  public enum State {
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    EXPIRED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }
}
