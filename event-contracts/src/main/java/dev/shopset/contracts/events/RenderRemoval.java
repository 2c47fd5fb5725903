package dev.shopset.contracts.events;

/** One ShopSet's directory and Application are to be removed from the branch. */
public record RenderRemoval(
    String namespace,
    String name,
    String systemRepository,
    String branch,
    String directory,
    String applicationFile)
    implements RenderEvent {
  public RenderRemoval {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(directory, "directory");
    Require.present(applicationFile, "applicationFile");
  }
}
