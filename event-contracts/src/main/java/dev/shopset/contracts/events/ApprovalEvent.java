package dev.shopset.contracts.events;

/**
 * Approvals of a Promotion, on {@code shopset.approvals} keyed {@code namespace/promotion} (just
 * {@code promotion} for a cluster-scoped Promotion, which has no namespace): the watcher publishes
 * where each Promotion stands; the notifier publishes what a Slack user asked for.
 */
public sealed interface ApprovalEvent extends ShopSetEvent
    permits PromotionApprovalState, ApprovalActionRequested {

  /** The Promotion's namespace; null for a cluster-scoped Promotion. */
  String namespace();

  /** The Promotion's name. */
  String promotion();

  @Override
  default String subject() {
    return key();
  }

  @Override
  default String key() {
    return Keys.promotion(namespace(), promotion());
  }
}
