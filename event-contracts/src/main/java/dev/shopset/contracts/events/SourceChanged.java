package dev.shopset.contracts.events;

/**
 * A branch of an app or configuration repository has a new head (learned from a webhook or a poll);
 * system branches that pin it follow.
 *
 * @param previousHead the head before, when known
 */
public record SourceChanged(String repository, String branch, String previousHead, String head)
    implements SourceEvent {
  public SourceChanged {
    Require.present(repository, "repository");
    Require.present(branch, "branch");
    Require.present(head, "head");
  }

  @Override
  public String subject() {
    return key();
  }

  @Override
  public String key() {
    return Keys.branch(repository, branch);
  }
}
