package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Move {@code toBranch} of the app repository to the head of {@code fromBranch} (or to {@code
 * commit}, which must be in {@code fromBranch}'s history), if that is a fast-forward; or, for a
 * rollback, move {@code toBranch} back to {@code commit}, which must be in its own history.
 *
 * @param promotion the Promotion resource's name
 * @param generation its {@code metadata.generation}
 * @param commit the commit to move to; absent: the head of {@code fromBranch}
 * @param rollback an explicit rollback of {@code toBranch} to {@code commit} (then {@code
 *     fromBranch} equals {@code toBranch})
 */
@JsonClassDescription(
    "Move a Tier's app repository branch to the head (or a named commit) of the Tier before it, or roll it back.")
public record PromotionRequested(
    @JsonPropertyDescription("The Promotion resource's name.") String promotion,
    @JsonPropertyDescription("The Promotion's metadata.generation.") long generation,
    @JsonPropertyDescription("The Tier whose code is promoted.") String fromTier,
    @JsonPropertyDescription("The Tier that receives it.") String toTier,
    @JsonPropertyDescription("Clone URL of the app repository.") String appRepository,
    @JsonPropertyDescription("The app repository branch of fromTier.") String fromBranch,
    @JsonPropertyDescription("The app repository branch of toTier, which is moved.")
        String toBranch,
    @JsonPropertyDescription(
            "The commit to move toBranch to (in fromBranch's history, or for a rollback in"
                + " toBranch's own); absent: fromBranch's head.")
        String commit,
    @JsonPropertyDescription(
            "An explicit rollback of toBranch to commit (fromBranch then equals toBranch).")
        boolean rollback)
    implements PromotionEvent {

  /** A promotion of {@code fromBranch}'s head. */
  public PromotionRequested(
      String promotion,
      long generation,
      String fromTier,
      String toTier,
      String appRepository,
      String fromBranch,
      String toBranch) {
    this(promotion, generation, fromTier, toTier, appRepository, fromBranch, toBranch, null, false);
  }

  public PromotionRequested {
    Require.present(promotion, "promotion");
    Require.present(fromTier, "fromTier");
    Require.present(toTier, "toTier");
    Require.present(appRepository, "appRepository");
    Require.present(fromBranch, "fromBranch");
    Require.present(toBranch, "toBranch");
    if (rollback) {
      Require.present(commit, "commit");
    }
  }
}
