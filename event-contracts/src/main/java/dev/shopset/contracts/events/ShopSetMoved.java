package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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
@JsonClassDescription(
    "A ShopSet moved to another Tier: park its Application on the branch it leaves instead of removing it.")
public record ShopSetMoved(
    @JsonPropertyDescription("The ShopSet's namespace.") String namespace,
    @JsonPropertyDescription("The ShopSet's name.") String name,
    @JsonPropertyDescription("The ShopSet's metadata.generation that moved it.") long generation,
    @JsonPropertyDescription("The Tier it leaves.") String fromTier,
    @JsonPropertyDescription("Clone URL of the system repository of the Tier it leaves.")
        String systemRepository,
    @JsonPropertyDescription("The branch of the Tier it leaves.") String branch,
    @JsonPropertyDescription("The Tier it moves to.") String toTier)
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
