package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.watcher.domain.ApprovalDecisions.Gate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Promotion status with its approval facts and its Ready/Approved conditions (in the shape of
 * {@code metav1.Condition}), and the {@link PromotionApprovalState} event that says the same.
 */
public final class PromotionStatuses {

  private PromotionStatuses() {}

  /** {@code status} carrying {@code gate}'s facts and conditions that follow from its phase. */
  public static PromotionStatus withGate(PromotionStatus status, Gate gate) {
    PromotionStatus merged =
        new PromotionStatus(
            status.phase(),
            status.fromBranch(),
            status.toBranch(),
            status.commit(),
            status.reason(),
            status.message(),
            status.time(),
            status.observedGeneration(),
            gate == null ? null : gate.requestedBy(),
            gate == null || gate.approvalsRequired() == 0 ? null : gate.approvalsRequired(),
            gate == null || gate.approvals().isEmpty() ? null : gate.approvals(),
            gate == null ? null : gate.rejectedBy(),
            gate == null ? null : gate.expiresAt(),
            null,
            status.previousCommit());
    return withConditions(merged, null);
  }

  /**
   * {@code status} with Ready and Approved conditions for its phase, keeping the transition times
   * of {@code previous}'s conditions that say the same.
   */
  public static PromotionStatus withConditions(PromotionStatus status, PromotionStatus previous) {
    String time = status.time() == null ? Instant.EPOCH.toString() : status.time();
    Long generation = status.observedGeneration();
    String reason = status.reason();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        keep(
            previous,
            switch (status.phase()) {
              case Succeeded ->
                  new Condition(
                      Conditions.READY, Condition.TRUE, "Succeeded", msg(status), time, generation);
              case Failed, Rejected, Expired ->
                  new Condition(
                      Conditions.READY,
                      Condition.FALSE,
                      reasonOr(reason, status.phase()),
                      msg(status),
                      time,
                      generation);
              default ->
                  new Condition(
                      Conditions.READY,
                      Condition.UNKNOWN,
                      status.phase().name(),
                      msg(status),
                      time,
                      generation);
            }));
    int required = status.approvalsRequired() == null ? 0 : status.approvalsRequired();
    int have = status.approvals() == null ? 0 : status.approvals().size();
    String approvals = have + " of " + required + " approvals.";
    conditions.add(
        keep(
            previous,
            switch (status.phase()) {
              case PendingApproval ->
                  new Condition(
                      Conditions.APPROVED,
                      Condition.UNKNOWN,
                      "WaitingForApprovals",
                      approvals,
                      time,
                      generation);
              case Rejected ->
                  new Condition(
                      Conditions.APPROVED,
                      Condition.FALSE,
                      "Rejected",
                      "Rejected by " + status.rejectedBy() + ".",
                      time,
                      generation);
              case Expired ->
                  new Condition(
                      Conditions.APPROVED, Condition.FALSE, "Expired", approvals, time, generation);
              case Failed ->
                  ApprovalDecisions.NOT_ALLOWED.equals(reason)
                      ? new Condition(
                          Conditions.APPROVED,
                          Condition.FALSE,
                          ApprovalDecisions.NOT_ALLOWED,
                          msg(status),
                          time,
                          generation)
                      : approved(required, approvals, time, generation);
              default -> approved(required, approvals, time, generation);
            }));
    return new PromotionStatus(
        status.phase(),
        status.fromBranch(),
        status.toBranch(),
        status.commit(),
        status.reason(),
        status.message(),
        status.time(),
        status.observedGeneration(),
        status.requestedBy(),
        status.approvalsRequired(),
        status.approvals(),
        status.rejectedBy(),
        status.expiresAt(),
        conditions,
        status.previousCommit());
  }

  private static Condition approved(int required, String approvals, String time, Long generation) {
    return required == 0
        ? new Condition(
            Conditions.APPROVED,
            Condition.TRUE,
            "NoApprovalsRequired",
            "The Tier requires no approvals.",
            time,
            generation)
        : new Condition(
            Conditions.APPROVED, Condition.TRUE, "Approved", approvals, time, generation);
  }

  private static String msg(PromotionStatus status) {
    return status.message() == null ? status.phase().name() : status.message();
  }

  private static String reasonOr(String reason, Phase phase) {
    return reason == null || reason.isBlank() ? phase.name() : reason;
  }

  private static Condition keep(PromotionStatus previous, Condition next) {
    if (previous == null || previous.conditions() == null) {
      return next;
    }
    return previous.conditions().stream()
        .filter(c -> c.type().equals(next.type()) && c.status().equals(next.status()))
        .findFirst()
        .map(c ->
            new Condition(
                next.type(),
                next.status(),
                next.reason(),
                next.message(),
                c.lastTransitionTime(),
                next.observedGeneration()))
        .orElse(next);
  }

  /** Whether two statuses say the same, ignoring when they were recorded. */
  public static boolean same(PromotionStatus a, PromotionStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.phase() == b.phase()
        && Objects.equals(a.fromBranch(), b.fromBranch())
        && Objects.equals(a.toBranch(), b.toBranch())
        && Objects.equals(a.commit(), b.commit())
        && Objects.equals(a.reason(), b.reason())
        && Objects.equals(a.message(), b.message())
        && Objects.equals(a.observedGeneration(), b.observedGeneration())
        && Objects.equals(a.requestedBy(), b.requestedBy())
        && Objects.equals(a.approvalsRequired(), b.approvalsRequired())
        && Objects.equals(a.approvals(), b.approvals())
        && Objects.equals(a.rejectedBy(), b.rejectedBy())
        && Objects.equals(a.expiresAt(), b.expiresAt())
        && Objects.equals(a.previousCommit(), b.previousCommit());
  }

  /**
   * The event that says where {@code promotion} stands with {@code status}; a succeeded one names
   * the commit its target branch held before (what a rollback goes back to).
   */
  public static PromotionApprovalState state(
      Promotion promotion, PromotionStatus status, String fromTier, String toTier) {
    var spec = promotion.getSpec();
    return new PromotionApprovalState(
        promotion.getMetadata().getNamespace(),
        promotion.getMetadata().getName(),
        status.observedGeneration() == null ? 0 : status.observedGeneration(),
        fromTier == null ? "unknown" : fromTier,
        toTier == null ? "unknown" : toTier,
        spec == null ? null : spec.commit(),
        spec != null && spec.isRollback(),
        status.requestedBy(),
        status.approvalsRequired() == null ? 0 : status.approvalsRequired(),
        status.approvals() == null
            ? List.of()
            : status.approvals().stream()
                .map(a ->
                    new dev.shopset.contracts.events.Approval(
                        a.by(),
                        a.via(),
                        a.at() == null || a.at().isEmpty() ? null : Instant.parse(a.at()),
                        a.reason()))
                .toList(),
        status.rejectedBy(),
        status.reason(),
        stateOf(status.phase()),
        status.expiresAt() == null ? null : Instant.parse(status.expiresAt()),
        status.message(),
        status.phase() == Phase.Succeeded ? status.previousCommit() : null);
  }

  static PromotionApprovalState.State stateOf(Phase phase) {
    return switch (phase) {
      case PendingApproval -> PromotionApprovalState.State.PENDING_APPROVAL;
      case Approved -> PromotionApprovalState.State.APPROVED;
      case Rejected -> PromotionApprovalState.State.REJECTED;
      case Expired -> PromotionApprovalState.State.EXPIRED;
      case Pending -> PromotionApprovalState.State.RUNNING;
      case Succeeded -> PromotionApprovalState.State.SUCCEEDED;
      case Failed -> PromotionApprovalState.State.FAILED;
    };
  }
}
