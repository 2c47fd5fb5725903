package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Set;

/**
 * Changes could not be pushed and will not be retried without help.
 *
 * @param reason a CamelCase word a machine can match: AuthenticationFailed, RepositoryNotFound,
 *     PermissionDenied, RetriesExhausted, …
 * @param message what happened and what to do, for a person; never contains credentials
 */
@JsonClassDescription(
    "Changes for a system branch could not be pushed and will not be retried without help.")
public record CommitFailed(
    @JsonPropertyDescription("Clone URL of the system repository.") String systemRepository,
    @JsonPropertyDescription("The system branch (the Tier's branch).") String branch,
    @JsonPropertyDescription(
            "The ShopSets (at their generations) whose changes did not reach the branch.")
        List<ShopSetRef> shopSets,
    @JsonPropertyDescription(
            "A CamelCase word a machine can match: AuthenticationFailed, RepositoryNotFound,"
                + " PermissionDenied, RetriesExhausted, ...")
        String reason,
    @JsonPropertyDescription(
            "What happened and what to do, for a person; never contains credentials.")
        String message)
    implements CommitEvent {

  /**
   * Reasons of failures that pass by themselves: the git host is back, the branch stops moving; the
   * git-pusher keeps retrying and no one need act. Every other reason needs a person.
   */
  public static final Set<String> PASSING_REASONS =
      Set.of("Unavailable", "NotFastForward", "RetriesExhausted");

  /** Whether {@code reason} names a failure that passes by itself ({@link #PASSING_REASONS}). */
  public static boolean passesByItself(String reason) {
    return PASSING_REASONS.contains(reason);
  }

  public CommitFailed {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    shopSets = Require.list(shopSets);
    Require.present(reason, "reason");
    Require.present(message, "message");
  }
}
