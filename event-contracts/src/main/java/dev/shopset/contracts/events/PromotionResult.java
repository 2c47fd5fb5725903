package dev.shopset.contracts.events;

/**
 * What became of a Promotion.
 *
 * @param commit the head of {@code toBranch} afterwards
 * @param reason for a failure, a CamelCase word: NotFastForward, BranchNotFound, …
 */
public record PromotionResult(
    String promotion,
    long generation,
    String appRepository,
    String fromBranch,
    String toBranch,
    Outcome outcome,
    String commit,
    String reason,
    String message)
    implements PromotionEvent {
  public PromotionResult {
    Require.present(promotion, "promotion");
    Require.present(appRepository, "appRepository");
    Require.present(fromBranch, "fromBranch");
    Require.present(toBranch, "toBranch");
    Require.present(outcome, "outcome");
    if (outcome == Outcome.FAILED) {
      Require.present(reason, "reason");
    }
  }

  /** Succeeded (including "already there") or failed. */
  public enum Outcome {
    SUCCEEDED,
    FAILED
  }
}
