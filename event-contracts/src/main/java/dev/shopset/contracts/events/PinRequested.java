package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Pin the submodules of one system branch that follow {@code repository}'s {@code sourceBranch} to
 * {@code head}. git-pusher routes every {@link SourceChanged} to each system branch that pins that
 * source, so the branch's one writer receives it in order with the branch's renders.
 *
 * @param systemRepository the system repository whose branch pins the source
 * @param branch the system branch
 * @param repository the app or configuration repository that moved
 * @param sourceBranch its branch that moved
 * @param previousHead the head before, when known
 * @param head the new head
 * @param rollback true only for an explicit rollback: the pin may then move to a commit that is not
 *     a descendant of the one it holds
 */
@JsonClassDescription(
    "Pin the submodules of one system branch that follow a source branch to its new head.")
public record PinRequested(
    @JsonPropertyDescription("Clone URL of the system repository whose branch pins the source.")
        String systemRepository,
    @JsonPropertyDescription("The system branch (the Tier's branch).") String branch,
    @JsonPropertyDescription("Clone URL of the app or configuration repository that moved.")
        String repository,
    @JsonPropertyDescription("Its branch that moved.") String sourceBranch,
    @JsonPropertyDescription("The source branch's head before; absent when not known.")
        String previousHead,
    @JsonPropertyDescription("The source branch's new head (full SHA-1) to pin to.") String head,
    @JsonPropertyDescription(
            "True only for an explicit rollback: the pin may then move to a commit that is not"
                + " a descendant of the one it holds.")
        boolean rollback)
    implements PinEvent {
  public PinRequested {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(repository, "repository");
    Require.present(sourceBranch, "sourceBranch");
    Require.present(head, "head");
  }

  @Override
  public String subject() {
    return Keys.branch(repository, sourceBranch);
  }

  @Override
  public String key() {
    return Keys.branch(systemRepository, branch);
  }
}
