package dev.shopset.contracts.events;

/**
 * On {@code shopset.desired} (compacted), keyed {@code namespace/name}: what a ShopSet should be.
 */
public sealed interface DesiredStateEvent extends ShopSetEvent
    permits ShopSetDesired, ShopSetDeleted, ShopSetMoved {
  String namespace();

  String name();

  @Override
  default String subject() {
    return Keys.object(namespace(), name());
  }

  @Override
  default String key() {
    return subject();
  }
}
