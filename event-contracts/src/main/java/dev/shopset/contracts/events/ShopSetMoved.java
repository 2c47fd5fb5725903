package dev.shopset.contracts.events;

/**
 * A ShopSet moved to another Tier: its Application on the branch it leaves is to be parked (kept,
 * without the cascading finalizer and without automated sync) rather than removed, so the running
 * workloads are adopted by the new Tier's Application instead of being deleted. A {@link
 * ShopSetDesired} for the new place follows on the same key. The parked Application is removed when
 * the ShopSet is deleted (a {@link ShopSetDeleted} per place it was parked on).
 *
 * @param generation the ShopSet's generation that moved it
 * @param fromTier the Tier it leaves
 * @param systemRepository the system repository of the Tier it leaves
 * @param branch the branch of the Tier it leaves
 * @param toTier the Tier it moves to
 */
public record ShopSetMoved(
    String namespace,
    String name,
    long generation,
    String fromTier,
    String systemRepository,
    String branch,
    String toTier)
    implements DesiredStateEvent {
  public ShopSetMoved {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    Require.present(fromTier, "fromTier");
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(toTier, "toTier");
  }
}
