package dev.shopset.contracts.events;

/**
 * A branch of an app or configuration repository has a new head (learned from a webhook or a poll);
 * system branches that pin it follow.
 *
 * @param previousHead the head before, when known
 * @param rollback true only when an explicit rollback moved the branch back: pins follow a head
 *     that is not a descendant of the one they hold only then
 */
public record SourceChanged(
    String repository, String branch, String previousHead, String head, boolean rollback)
    implements SourceEvent {

  /** A head that moved forward (not a rollback). */
  public SourceChanged(String repository, String branch, String previousHead, String head) {
    this(repository, branch, previousHead, head, false);
  }

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
