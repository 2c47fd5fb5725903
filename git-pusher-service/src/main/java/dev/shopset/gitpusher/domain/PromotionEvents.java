package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.PromotionResult;

/** Port: where promotion results go ({@code shopset.promotion-results}); returns once durable. */
public interface PromotionEvents {
  void promotionResult(PromotionResult event);
}
