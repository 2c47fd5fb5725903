package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.ApprovalActionRequested.Action;
import java.util.Arrays;
import java.util.Optional;

/**
 * The buttons ShopSet puts on its messages: each button's {@code action_id} says what it does and
 * its {@code value} what it applies to (a Promotion's {@code namespace/name} or {@code name}, a
 * Tier, or {@code tier@commit} for a rollback).
 */
public enum SlackAction {
  APPROVE("shopset_approve", Action.APPROVE),
  REJECT("shopset_reject", Action.REJECT),
  PROMOTE("shopset_promote", Action.PROMOTE),
  ROLLBACK("shopset_rollback", Action.ROLLBACK);

  private final String actionId;
  private final Action action;

  SlackAction(String actionId, Action action) {
    this.actionId = actionId;
    this.action = action;
  }

  public String actionId() {
    return actionId;
  }

  public Action action() {
    return action;
  }

  public static Optional<SlackAction> byActionId(String actionId) {
    return Arrays.stream(values()).filter(a -> a.actionId.equals(actionId)).findFirst();
  }
}
