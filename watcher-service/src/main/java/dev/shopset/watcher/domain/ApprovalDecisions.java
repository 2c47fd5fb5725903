package dev.shopset.watcher.domain;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionApprovalSpec;
import dev.shopset.contracts.resources.PromotionApprovalStatus;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Approval;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a Promotion may run under its target Tier's promotion policy: who requested it,
 * which PromotionApprovals count (distinct allowed approvers, not the requester unless allowed),
 * whether it is rejected or expired, and why an approval is refused. Pure: no I/O.
 */
public final class ApprovalDecisions {

  /** The requester is not one of the target Tier's promoters, or an approver not an approver. */
  public static final String NOT_ALLOWED = "NotAllowed";

  /** The requester approved their own Promotion, which the Tier does not allow. */
  public static final String SELF_APPROVAL = "SelfApproval";

  /** The Promotion no longer waits for approvals (it ran, failed, was rejected or expired). */
  public static final String NOT_PENDING = "NotPending";

  /** The approver had already approved; one approval per person counts. */
  public static final String ALREADY_APPROVED = "AlreadyApproved";

  public static final String REJECTED = "Rejected";
  public static final String EXPIRED = "Expired";
  public static final String WAITING = "WaitingForApprovals";

  private ApprovalDecisions() {}

  /**
   * What the approvals say.
   *
   * @param run whether the Promotion may be carried out now (approved, or no approvals needed)
   * @param status the status to hold it in (PendingApproval, Rejected, Expired, Failed), or null
   *     when it runs or nothing changes
   * @param gate the approval facts to keep in every later status
   * @param verdicts per PromotionApproval name, what it counted for
   */
  public record Decision(
      boolean run,
      PromotionStatus status,
      Gate gate,
      Map<String, PromotionApprovalStatus> verdicts) {}

  /** Who requested, how many approvals are needed, who approved or rejected, until when. */
  public record Gate(
      String requestedBy,
      int approvalsRequired,
      List<Approval> approvals,
      String rejectedBy,
      String expiresAt) {}

  /**
   * Decides for {@code promotion}, whose target Tier is {@code target} (null when unknown: then it
   * runs, and the planner reports the missing Tier), given every PromotionApproval naming it.
   */
  public static Decision decide(
      Promotion promotion, Tier target, List<PromotionApproval> approvals, Instant now) {
    long generation = generationOf(promotion);
    PromotionStatus current = promotion.getStatus();
    String requestedBy = promotion.getSpec() == null ? null : promotion.getSpec().requestedBy();
    if (current != null
        && current.observedGeneration() != null
        && current.observedGeneration() >= generation
        && !waiting(current.phase())) {
      return new Decision(false, null, gateOf(current), closed(approvals, current.phase()));
    }
    PromotionPolicy policy =
        target == null || target.getSpec() == null ? null : target.getSpec().promotionPolicy();
    String toTier = target == null ? null : target.getMetadata().getName();
    List<String> groups =
        promotion.getSpec() == null || promotion.getSpec().requestedByGroups() == null
            ? List.of()
            : promotion.getSpec().requestedByGroups();
    if (policy != null
        && policy.promoters() != null
        && !policy.promoters().includes(requestedBy, groups)) {
      Gate gate = new Gate(requestedBy, policy.approvalsRequired(), List.of(), null, null);
      String who = requestedBy == null ? "A Promotion without spec.requestedBy" : requestedBy;
      return new Decision(
          false,
          status(
              Phase.Failed,
              NOT_ALLOWED,
              who
                  + " may not promote into Tier '"
                  + toTier
                  + "': not one of its spec.promotionPolicy.promoters ("
                  + describe(policy.promoters())
                  + "). Ask one of them to promote, or the platform team to add you.",
              generation,
              now,
              gate),
          gate,
          closed(approvals, Phase.Failed));
    }
    int required = policy == null ? 0 : policy.approvalsRequired();
    if (required == 0) {
      return new Decision(true, null, new Gate(requestedBy, 0, List.of(), null, null), Map.of());
    }
    PromotionPolicy.Approvals rules = policy.approvals();
    String expiresAt =
        current != null && current.phase() == Phase.PendingApproval && current.expiresAt() != null
            ? current.expiresAt()
            : now.plus(rules.expiry()).toString();
    boolean expired = !now.isBefore(Instant.parse(expiresAt));
    Map<String, PromotionApprovalStatus> verdicts = new LinkedHashMap<>();
    List<Approval> counted = new ArrayList<>();
    Set<String> approvers = new LinkedHashSet<>();
    String rejectedBy = null;
    String refusal = null;
    String refusalMessage = null;
    List<Approval> before =
        current == null || current.approvals() == null ? List.of() : current.approvals();
    for (PromotionApproval approval : ordered(approvals, before)) {
      var spec = approval.getSpec();
      String name = approval.getMetadata().getName();
      String by = spec.approver();
      List<String> byGroups = spec.approverGroups() == null ? List.of() : spec.approverGroups();
      String why = null;
      String message = null;
      if (rejectedBy != null || expired) {
        why = NOT_PENDING;
        message =
            "Promotion '"
                + promotion.getMetadata().getName()
                + "' no longer waits for approvals ("
                + (rejectedBy != null ? "rejected by " + rejectedBy : "expired")
                + ").";
      } else if (rules.approvers() == null || !rules.approvers().includes(by, byGroups)) {
        why = NOT_ALLOWED;
        message =
            by
                + " may not approve or reject Promotions into Tier '"
                + toTier
                + "': not one of its spec.promotionPolicy.approvals.approvers ("
                + describe(rules.approvers())
                + ").";
      } else if (by.equals(requestedBy) && !rules.selfApprovalAllowed()) {
        why = SELF_APPROVAL;
        message =
            by
                + " requested Promotion '"
                + promotion.getMetadata().getName()
                + "' and may not approve it too: Tier '"
                + toTier
                + "' needs approvals from others (allowSelfApproval is false).";
      } else if (spec.decision() == PromotionApprovalSpec.Decision.Reject) {
        rejectedBy = by;
      } else if (!approvers.add(by)) {
        why = ALREADY_APPROVED;
        message = by + " already approved; one approval per person counts.";
      } else {
        String at =
            before.stream()
                .filter(a -> a.by().equals(by))
                .map(Approval::at)
                .findFirst()
                .orElse(createdAt(approval).isEmpty() ? now.toString() : createdAt(approval));
        counted.add(new Approval(by, spec.viaOrDefault(), at, spec.reason()));
      }
      verdicts.put(
          name,
          why == null
              ? new PromotionApprovalStatus(true, null, null)
              : new PromotionApprovalStatus(false, why, message));
      if (why != null && !NOT_PENDING.equals(why)) {
        refusal = why;
        refusalMessage = message;
      }
    }
    Gate gate = new Gate(requestedBy, required, List.copyOf(counted), rejectedBy, expiresAt);
    if (rejectedBy != null) {
      String reason = rejectionReason(approvals, rejectedBy);
      return new Decision(
          false,
          status(
              Phase.Rejected,
              REJECTED,
              "Rejected by " + rejectedBy + (reason == null ? "." : ": " + reason),
              generation,
              now,
              gate),
          gate,
          verdicts);
    }
    if (counted.size() >= required) {
      return new Decision(true, null, gate, verdicts);
    }
    if (expired) {
      return new Decision(
          false,
          status(
              Phase.Expired,
              EXPIRED,
              "Not approved by "
                  + expiresAt
                  + " ("
                  + counted.size()
                  + " of "
                  + required
                  + " approvals): create the Promotion again.",
              generation,
              now,
              gate),
          gate,
          verdicts);
    }
    int missing = required - counted.size();
    String waiting =
        "Waiting for "
            + missing
            + " more approval"
            + (missing == 1 ? "" : "s")
            + " ("
            + counted.size()
            + " of "
            + required
            + ") from "
            + describe(rules.approvers())
            + " until "
            + expiresAt
            + ".";
    return new Decision(
        false,
        status(
            Phase.PendingApproval,
            refusal == null ? WAITING : refusal,
            refusalMessage == null ? waiting : "Refused: " + refusalMessage + " " + waiting,
            generation,
            now,
            gate),
        gate,
        verdicts);
  }

  private static boolean waiting(Phase phase) {
    return phase == Phase.PendingApproval || phase == Phase.Approved;
  }

  /** Every approval arriving after the Promotion stopped waiting is refused as NotPending. */
  private static Map<String, PromotionApprovalStatus> closed(
      List<PromotionApproval> approvals, Phase phase) {
    Map<String, PromotionApprovalStatus> verdicts = new LinkedHashMap<>();
    for (PromotionApproval approval : approvals) {
      if (approval.getStatus() == null) {
        verdicts.put(
            approval.getMetadata().getName(),
            new PromotionApprovalStatus(
                false,
                NOT_PENDING,
                "Promotion '"
                    + approval.getSpec().promotion()
                    + "' no longer waits for approvals (it is "
                    + phase
                    + ")."));
      }
    }
    return verdicts;
  }

  static Gate gateOf(PromotionStatus status) {
    return new Gate(
        status.requestedBy(),
        status.approvalsRequired() == null ? 0 : status.approvalsRequired(),
        status.approvals() == null ? List.of() : status.approvals(),
        status.rejectedBy(),
        status.expiresAt());
  }

  private static PromotionStatus status(
      Phase phase, String reason, String message, long generation, Instant now, Gate gate) {
    return PromotionStatuses.withGate(
        new PromotionStatus(phase, null, null, null, reason, message, now.toString(), generation),
        gate);
  }

  /**
   * Approvals already counted first, in the order they were counted; then the others by creation
   * time and name (creation times have a one-second resolution).
   */
  private static List<PromotionApproval> ordered(
      List<PromotionApproval> approvals, List<Approval> before) {
    List<String> counted = before.stream().map(Approval::by).toList();
    return approvals.stream()
        .filter(a -> a.getSpec() != null && a.getSpec().approver() != null)
        .sorted(
            Comparator.comparingInt(
                    (PromotionApproval a) -> {
                      int i = counted.indexOf(a.getSpec().approver());
                      return i < 0 ? Integer.MAX_VALUE : i;
                    })
                .thenComparing(ApprovalDecisions::createdAt)
                .thenComparing(a -> a.getMetadata().getName()))
        .toList();
  }

  private static String createdAt(PromotionApproval approval) {
    String at = approval.getMetadata().getCreationTimestamp();
    return at == null ? "" : at;
  }

  private static String rejectionReason(List<PromotionApproval> approvals, String by) {
    return approvals.stream()
        .filter(a -> a.getSpec() != null && by.equals(a.getSpec().approver()))
        .filter(a -> a.getSpec().decision() == PromotionApprovalSpec.Decision.Reject)
        .map(a -> a.getSpec().reason())
        .filter(r -> r != null && !r.isBlank())
        .findFirst()
        .orElse(null);
  }

  static String describe(Subjects subjects) {
    if (subjects == null) {
      return "nobody";
    }
    List<String> parts = new ArrayList<>();
    if (subjects.users() != null && !subjects.users().isEmpty()) {
      parts.add("users " + String.join(", ", subjects.users()));
    }
    if (subjects.groups() != null && !subjects.groups().isEmpty()) {
      parts.add("groups " + String.join(", ", subjects.groups()));
    }
    return parts.isEmpty() ? "nobody" : String.join("; ", parts);
  }

  private static long generationOf(Promotion promotion) {
    Long generation = promotion.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
