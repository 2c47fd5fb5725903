package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;

/** Port: carries a promotion out in the app repository. */
public interface Promoter {

  /**
   * Moves {@code toBranch} to the head of {@code fromBranch} when that is a fast-forward. Refusals
   * and terminal failures are a FAILED result; transient failures are thrown (retry later).
   */
  PromotionResult promote(PromotionRequested request) throws GitFailure;
}
