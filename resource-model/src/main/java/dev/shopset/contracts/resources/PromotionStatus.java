package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What became of a Promotion: its phase, who requested, approved or rejected it, the commit it
 * moved to (and from) or why not, and Ready/Approved conditions in the shape of {@code
 * metav1.Condition}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionStatus(
    @JsonPropertyDescription(
            "PendingApproval, Approved, Rejected, Expired, Pending (running), Succeeded or"
                + " Failed.")
        Phase phase,
    String fromBranch,
    String toBranch,
    @JsonPropertyDescription("The app-repository commit the target branch now points at.")
        String commit,
    @JsonPropertyDescription(
            "Why it failed, was rejected or an approval was refused, as a CamelCase word, e.g."
                + " NotFastForward, NotAllowed, SelfApproval.")
        String reason,
    String message,
    @JsonPropertyDescription("When the result was recorded (RFC 3339).") String time,
    Long observedGeneration,
    @JsonPropertyDescription("The Kubernetes user who requested the Promotion.") String requestedBy,
    @JsonPropertyDescription("How many distinct approvals the target Tier requires.")
        Integer approvalsRequired,
    @JsonPropertyDescription("The approvals counted, oldest first.") List<Approval> approvals,
    @JsonPropertyDescription("Who rejected it.") String rejectedBy,
    @JsonPropertyDescription("When a Promotion waiting for approvals expires (RFC 3339).")
        String expiresAt,
    @JsonPropertyDescription("Ready (it ran and succeeded) and Approved.")
        List<Condition> conditions,
    @JsonPropertyDescription(
            "When it succeeded and moved the target branch: the commit the branch held before,"
                + " what a rollback goes back to.")
        String previousCommit) {

  /** A status that names no commit to roll back to. */
  public PromotionStatus(
      Phase phase,
      String fromBranch,
      String toBranch,
      String commit,
      String reason,
      String message,
      String time,
      Long observedGeneration,
      String requestedBy,
      Integer approvalsRequired,
      List<Approval> approvals,
      String rejectedBy,
      String expiresAt,
      List<Condition> conditions) {
    this(
        phase,
        fromBranch,
        toBranch,
        commit,
        reason,
        message,
        time,
        observedGeneration,
        requestedBy,
        approvalsRequired,
        approvals,
        rejectedBy,
        expiresAt,
        conditions,
        null);
  }

  /** A status without approvals or conditions. */
  public PromotionStatus(
      Phase phase,
      String fromBranch,
      String toBranch,
      String commit,
      String reason,
      String message,
      String time,
      Long observedGeneration) {
    this(
        phase,
        fromBranch,
        toBranch,
        commit,
        reason,
        message,
        time,
        observedGeneration,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Where a Promotion stands. */
  public enum Phase {
    /** Waiting for the approvals its target Tier requires. */
    PendingApproval,
    /** Approved; about to run. */
    Approved,
    /** Rejected by an approver: it never runs. */
    Rejected,
    /** Not approved within the Tier's expiresAfter: it never runs. */
    Expired,
    /** Requested from git-pusher; running. */
    Pending,
    Succeeded,
    Failed
  }

  /**
   * One approval: who, through what ({@code shopctl}, {@code slack}, {@code kubectl}), when, why.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Approval(
      @JsonPropertyDescription("The approver's Kubernetes user name.") String by,
      @JsonPropertyDescription("shopctl, slack or kubectl.") String via,
      @JsonPropertyDescription("When (RFC 3339).") String at,
      @JsonPropertyDescription("Why, as the approver wrote it.") String reason) {}
}
