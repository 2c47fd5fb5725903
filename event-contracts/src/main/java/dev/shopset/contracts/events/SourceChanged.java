package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A branch of an app or configuration repository has a new head (learned from a webhook or a poll);
 * system branches that pin it follow.
 *
 * @param previousHead the head before, when known
 * @param rollback true only when an explicit rollback moved the branch back: pins follow a head
 *     that is not a descendant of the one they hold only then
 */
@JsonClassDescription("A branch of an app or configuration repository has a new head.")
public record SourceChanged(
    @JsonPropertyDescription("Clone URL of the app or configuration repository.") String repository,
    @JsonPropertyDescription("The branch that has a new head.") String branch,
    @JsonPropertyDescription("The head before; absent when not known.") String previousHead,
    @JsonPropertyDescription("The new head (full SHA-1).") String head,
    @JsonPropertyDescription(
            "True only when an explicit rollback moved the branch back: pins follow a head that"
                + " is not a descendant of the one they hold only then.")
        boolean rollback)
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
