package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

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
  public CommitFailed {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    shopSets = Require.list(shopSets);
    Require.present(reason, "reason");
    Require.present(message, "message");
  }
}
