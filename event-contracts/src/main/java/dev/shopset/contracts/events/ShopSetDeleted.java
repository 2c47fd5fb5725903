package dev.shopset.contracts.events;

/**
 * A ShopSet is gone (or no longer valid to render): its files are to be removed from the branch it
 * was rendered to. The watcher follows it with a tombstone so compaction drops the key.
 */
public record ShopSetDeleted(String namespace, String name, String systemRepository, String branch)
    implements DesiredStateEvent {
  public ShopSetDeleted {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
  }
}
