package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A ShopSet is gone (or no longer valid to render): its files are to be removed from the branch it
 * was rendered to. The watcher follows it with a tombstone so compaction drops the key.
 */
@JsonClassDescription(
    "A ShopSet is gone (or no longer valid to render): remove its files from the branch it was rendered to.")
public record ShopSetDeleted(
    @JsonPropertyDescription("The ShopSet's namespace.") String namespace,
    @JsonPropertyDescription("The ShopSet's name.") String name,
    @JsonPropertyDescription("Clone URL of the system repository it was rendered to.")
        String systemRepository,
    @JsonPropertyDescription("The system branch it was rendered to.") String branch)
    implements DesiredStateEvent {
  public ShopSetDeleted {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
  }
}
