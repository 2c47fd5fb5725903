package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Tier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Decides what a Promotion needs: a request to git-pusher, a status, or nothing. */
public final class PromotionPlanner {

  /** Reason when the Promotion's Tier has no promotesTo. */
  public static final String NO_PROMOTION_TARGET = "NoPromotionTarget";

  /** Reason when the Promotion's Tier, or the Tier it promotes to, does not exist. */
  public static final String TIER_NOT_FOUND = "TierNotFound";

  /** Reason when the Tier a Promotion moves code into is frozen. */
  public static final String TIER_FROZEN = "TierFrozen";

  private PromotionPlanner() {}

  /**
   * What to do for a Promotion.
   *
   * @param request the request to publish first (null: none)
   * @param status the status to write afterwards (null: none)
   */
  public record Plan(PromotionRequested request, PromotionStatus status) {
    static final Plan NOTHING = new Plan(null, null);
  }

  /** Plans a Promotion seen in the cluster; {@code tiers} gives a Tier by name or null. */
  public static Plan plan(Promotion promotion, Function<String, Tier> tiers, Instant now) {
    long generation = generationOf(promotion);
    PromotionStatus status = promotion.getStatus();
    if (status != null
        && status.observedGeneration() != null
        && status.observedGeneration() >= generation
        && status.phase() != Phase.PendingApproval
        && status.phase() != Phase.Approved) {
      return Plan.NOTHING;
    }
    String name = promotion.getMetadata().getName();
    String fromTierName = promotion.getSpec() == null ? null : promotion.getSpec().tier();
    Tier from = fromTierName == null ? null : tiers.apply(fromTierName);
    if (from == null || from.getSpec() == null) {
      return failed(
          TIER_NOT_FOUND, "Tier '" + fromTierName + "' does not exist.", generation, now, null);
    }
    String fromBranch = from.getSpec().branchOr(fromTierName);
    if (promotion.getSpec().isRollback()) {
      return rollback(promotion, from, fromTierName, fromBranch, generation, now);
    }
    String toTierName = from.getSpec().promotesTo();
    if (toTierName == null || toTierName.isBlank()) {
      return failed(
          NO_PROMOTION_TARGET,
          "Tier '"
              + fromTierName
              + "' has no spec.promotesTo, so there is no Tier to promote it to. Set promotesTo"
              + " on the Tier, then create the Promotion again.",
          generation,
          now,
          fromBranch);
    }
    Tier to = tiers.apply(toTierName);
    if (to == null || to.getSpec() == null) {
      return failed(
          TIER_NOT_FOUND,
          "Tier '"
              + fromTierName
              + "' promotes to Tier '"
              + toTierName
              + "', which does not exist.",
          generation,
          now,
          fromBranch);
    }
    if (from.getSpec().appRepository() == null) {
      return failed(
          Conditions.NO_APP_REPOSITORY,
          "Tier '" + fromTierName + "' has no spec.appRepository to promote from.",
          generation,
          now,
          fromBranch);
    }
    if (to.getSpec().isFrozen()) {
      return failed(
          TIER_FROZEN,
          "Tier '"
              + toTierName
              + "' is frozen (spec.frozen): nothing is promoted into it until it is unfrozen."
              + " Create the Promotion again afterwards.",
          generation,
          now,
          fromBranch);
    }
    String toBranch = to.getSpec().branchOr(toTierName);
    var request =
        new PromotionRequested(
            name,
            generation,
            fromTierName,
            toTierName,
            from.getSpec().appRepository().url(),
            fromBranch,
            toBranch,
            promotion.getSpec().commit(),
            false);
    var pending =
        new PromotionStatus(
            Phase.Pending, fromBranch, toBranch, null, null, null, now.toString(), generation);
    return new Plan(request, pending);
  }

  /**
   * An explicit rollback of {@code tier} to {@code spec.commit}: its own branch moves back, and its
   * pins follow backwards (the only way they do). Allowed on a frozen Tier: rolling back is what a
   * freeze during an incident is usually for.
   */
  private static Plan rollback(
      Promotion promotion,
      Tier tier,
      String tierName,
      String branch,
      long generation,
      Instant now) {
    if (tier.getSpec().appRepository() == null) {
      return failed(
          Conditions.NO_APP_REPOSITORY,
          "Tier '" + tierName + "' has no spec.appRepository to roll back.",
          generation,
          now,
          branch);
    }
    var request =
        new PromotionRequested(
            promotion.getMetadata().getName(),
            generation,
            tierName,
            tierName,
            tier.getSpec().appRepository().url(),
            branch,
            branch,
            promotion.getSpec().commit(),
            true);
    var pending =
        new PromotionStatus(
            Phase.Pending, branch, branch, null, null, null, now.toString(), generation);
    return new Plan(request, pending);
  }

  /** The status a result gives, or empty when the Promotion already says so or is newer. */
  public static Optional<PromotionStatus> statusOf(
      PromotionStatus current, PromotionResult result) {
    if (current != null
        && current.observedGeneration() != null
        && current.observedGeneration() > result.generation()) {
      return Optional.empty();
    }
    boolean ok = result.outcome() == PromotionResult.Outcome.SUCCEEDED;
    var next =
        new PromotionStatus(
            ok ? Phase.Succeeded : Phase.Failed,
            result.fromBranch(),
            result.toBranch(),
            result.commit(),
            result.reason(),
            result.message(),
            current == null ? null : current.time(),
            result.generation(),
            null,
            null,
            null,
            null,
            null,
            null,
            previousCommit(current, result));
    next =
        PromotionStatuses.withConditions(
            PromotionStatuses.withGate(
                next, current == null ? null : ApprovalDecisions.gateOf(current)),
            current);
    if (current != null && PromotionStatuses.same(current, next)) {
      return Optional.empty();
    }
    return Optional.of(next);
  }

  /** Stamps {@code status} with the time it is recorded. */
  public static PromotionStatus at(PromotionStatus status, Instant now) {
    return new PromotionStatus(
        status.phase(),
        status.fromBranch(),
        status.toBranch(),
        status.commit(),
        status.reason(),
        status.message(),
        now.toString(),
        status.observedGeneration(),
        status.requestedBy(),
        status.approvalsRequired(),
        status.approvals(),
        status.rejectedBy(),
        status.expiresAt(),
        status.conditions(),
        status.previousCommit());
  }

  /**
   * The head the target branch had before the result's move; a redelivered result that finds the
   * branch already there names none, so the one recorded for the same move is kept.
   */
  private static String previousCommit(PromotionStatus current, PromotionResult result) {
    if (result.outcome() != PromotionResult.Outcome.SUCCEEDED) {
      return null;
    }
    if (result.previousCommit() != null) {
      return result.previousCommit();
    }
    boolean sameMove =
        current != null
            && current.phase() == Phase.Succeeded
            && Objects.equals(current.observedGeneration(), result.generation())
            && Objects.equals(current.commit(), result.commit());
    return sameMove ? current.previousCommit() : null;
  }

  /**
   * The Tier a Promotion moves code into: {@code spec.tier}'s promotesTo, or for a rollback {@code
   * spec.tier} itself; null when unknown.
   */
  public static String targetTier(Promotion promotion, Function<String, Tier> tiers) {
    if (promotion.getSpec() == null || promotion.getSpec().tier() == null) {
      return null;
    }
    if (promotion.getSpec().isRollback()) {
      return promotion.getSpec().tier();
    }
    Tier from = tiers.apply(promotion.getSpec().tier());
    return from == null || from.getSpec() == null ? null : from.getSpec().promotesTo();
  }

  static boolean sameIgnoringTime(PromotionStatus a, PromotionStatus b) {
    return PromotionStatuses.same(a, b);
  }

  private static Plan failed(
      String reason, String message, long generation, Instant now, String fromBranch) {
    return new Plan(
        null,
        new PromotionStatus(
            Phase.Failed, fromBranch, null, null, reason, message, now.toString(), generation));
  }

  private static long generationOf(Promotion promotion) {
    Long generation = promotion.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
