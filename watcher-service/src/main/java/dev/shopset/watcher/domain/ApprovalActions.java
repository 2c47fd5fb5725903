package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.ApprovalActionRequested.Action;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.resources.PromotionApprovalSpec;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.Tier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Turns an action asked for from Slack into what the watcher writes: a PromotionApproval (approve,
 * reject; checked like any other when its Promotion is reconciled) or a Promotion (promote, roll
 * back; only for an actor the target Tier names among its promoters), or a refusal. Names derive
 * from the interaction id, so a redelivered action writes nothing new. Pure: no I/O.
 */
public final class ApprovalActions {

  private ApprovalActions() {}

  /** What to write: exactly one of the three is set. */
  public record Outcome(
      PromotionApprovalSpec approval,
      PromotionSpec promotion,
      String name,
      PromotionApprovalState refusal) {}

  /** The object name for an interaction: {@code slack-} and 20 hex digits of its SHA-256. */
  public static String nameOf(ApprovalActionRequested action) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(action.interactionId().getBytes(StandardCharsets.UTF_8));
      return "slack-" + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Decides what {@code action} writes; {@code tiers} gives a Tier by name or null. */
  public static Outcome decide(ApprovalActionRequested action, Function<String, Tier> tiers) {
    if (action.action() == Action.APPROVE || action.action() == Action.REJECT) {
      return new Outcome(
          new PromotionApprovalSpec(
              action.promotion(),
              action.action() == Action.APPROVE
                  ? PromotionApprovalSpec.Decision.Approve
                  : PromotionApprovalSpec.Decision.Reject,
              action.reason(),
              action.actor(),
              action.actorGroups().isEmpty() ? null : action.actorGroups(),
              "slack"),
          null,
          nameOf(action),
          null);
    }
    boolean rollback = action.action() == Action.ROLLBACK;
    String name = action.promotion() != null ? action.promotion() : nameOf(action);
    Tier from = tiers.apply(action.tier());
    String toTier =
        rollback || from == null || from.getSpec() == null
            ? action.tier()
            : from.getSpec().promotesTo();
    Tier to = toTier == null ? null : tiers.apply(toTier);
    PromotionPolicy policy =
        to == null || to.getSpec() == null ? null : to.getSpec().promotionPolicy();
    if (policy == null
        || policy.promoters() == null
        || !policy.promoters().includes(action.actor(), action.actorGroups())) {
      String message =
          action.actor()
              + " may not "
              + (rollback ? "roll back" : "promote into")
              + " Tier '"
              + toTier
              + "' from Slack: only the users and groups in its spec.promotionPolicy.promoters"
              + " may ("
              + (policy == null ? "it names none" : ApprovalDecisions.describe(policy.promoters()))
              + ").";
      return new Outcome(
          null,
          null,
          name,
          new PromotionApprovalState(
              action.namespace(),
              name,
              0,
              action.tier(),
              toTier == null ? action.tier() : toTier,
              action.commit(),
              rollback,
              action.actor(),
              policy == null ? 0 : policy.approvalsRequired(),
              List.of(),
              null,
              ApprovalDecisions.NOT_ALLOWED,
              PromotionApprovalState.State.FAILED,
              null,
              message));
    }
    return new Outcome(
        null,
        new PromotionSpec(
            action.tier(),
            action.commit(),
            rollback ? Boolean.TRUE : null,
            action.actor(),
            action.actorGroups().isEmpty() ? null : action.actorGroups()),
        name,
        null);
  }
}
