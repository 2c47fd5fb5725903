package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What became of a Promotion.
 *
 * @param commit the head of {@code toBranch} afterwards
 * @param reason for a failure, a CamelCase word: NotFastForward, BranchNotFound, …
 * @param previousCommit the head of {@code toBranch} before, when the promotion moved it (a
 *     fast-forward or a rollback); absent when unknown or the branch did not move
 */
@JsonClassDescription(
    "What became of a Promotion: whether the branch moved, the commit, or why not.")
public record PromotionResult(
    @JsonPropertyDescription("The Promotion resource's name.") String promotion,
    @JsonPropertyDescription("The Promotion's metadata.generation that was carried out.")
        long generation,
    @JsonPropertyDescription("Clone URL of the app repository.") String appRepository,
    @JsonPropertyDescription("The branch promoted from.") String fromBranch,
    @JsonPropertyDescription("The branch promoted to.") String toBranch,
    @JsonPropertyDescription(
            "SUCCEEDED (including: already there) or FAILED (then reason says why).")
        Outcome outcome,
    @JsonPropertyDescription("The head of toBranch afterwards; absent when not known.")
        String commit,
    @JsonPropertyDescription(
            "For a failure, a CamelCase word a machine can match: NotFastForward,"
                + " BranchNotFound, ...")
        String reason,
    @JsonPropertyDescription("What happened, for a person.") String message,
    @JsonPropertyDescription(
            "The head of toBranch before, when this promotion moved it (a fast-forward or a"
                + " rollback): what a rollback goes back to. Absent when not known or when the"
                + " branch did not move.")
        String previousCommit)
    implements PromotionEvent {

  /** A result that does not say where the branch was before. */
  public PromotionResult(
      String promotion,
      long generation,
      String appRepository,
      String fromBranch,
      String toBranch,
      Outcome outcome,
      String commit,
      String reason,
      String message) {
    this(
        promotion,
        generation,
        appRepository,
        fromBranch,
        toBranch,
        outcome,
        commit,
        reason,
        message,
        null);
  }

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
