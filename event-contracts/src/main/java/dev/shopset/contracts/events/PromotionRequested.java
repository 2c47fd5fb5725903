package dev.shopset.contracts.events;

/**
 * Move {@code toBranch} of the app repository to the head of {@code fromBranch}, if that is a
 * fast-forward.
 *
 * @param promotion the Promotion resource's name
 * @param generation its {@code metadata.generation}
 */
public record PromotionRequested(
    String promotion,
    long generation,
    String fromTier,
    String toTier,
    String appRepository,
    String fromBranch,
    String toBranch)
    implements PromotionEvent {
  public PromotionRequested {
    Require.present(promotion, "promotion");
    Require.present(fromTier, "fromTier");
    Require.present(toTier, "toTier");
    Require.present(appRepository, "appRepository");
    Require.present(fromBranch, "fromBranch");
    Require.present(toBranch, "toBranch");
  }
}
