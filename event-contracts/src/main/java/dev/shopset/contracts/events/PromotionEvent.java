package dev.shopset.contracts.events;

/**
 * A Promotion of one Tier's code to the next: requests on {@code shopset.promotions}, results on
 * {@code shopset.promotion-results}, both keyed {@code appRepository#toBranch}.
 */
public sealed interface PromotionEvent extends ShopSetEvent
    permits PromotionRequested, PromotionResult {
  String promotion();

  String appRepository();

  String toBranch();

  @Override
  default String subject() {
    return promotion();
  }

  @Override
  default String key() {
    return Keys.branch(appRepository(), toBranch());
  }
}
