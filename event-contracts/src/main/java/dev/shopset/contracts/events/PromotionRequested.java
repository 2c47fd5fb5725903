package dev.shopset.contracts.events;

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
public record PromotionRequested(
    String promotion,
    long generation,
    String fromTier,
    String toTier,
    String appRepository,
    String fromBranch,
    String toBranch,
    String commit,
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
