package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.Approval;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionApprovalState.State;
import java.time.Instant;
import java.util.List;

/** Promotion approval states as the watcher publishes them, for tests. */
public final class Promotions {

  public static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");

  private Promotions() {}

  /** A Promotion from staging into {@code toTier} needing two approvals, requested by bob. */
  public static PromotionApprovalState pending(String name, String toTier, Approval... approvals) {
    return state(name, toTier, State.PENDING_APPROVAL, null, "Waiting for approvals.", approvals);
  }

  public static PromotionApprovalState state(
      String name,
      String toTier,
      State state,
      String reason,
      String message,
      Approval... approvals) {
    return new PromotionApprovalState(
        null,
        name,
        1,
        "staging",
        toTier,
        "0123abcd",
        false,
        "bob",
        2,
        List.of(approvals),
        state == State.REJECTED ? "carol" : null,
        reason,
        state,
        AT.plusSeconds(86400),
        message);
  }

  public static Approval approval(String by, String via) {
    return new Approval(by, via, AT, null);
  }
}
