package dev.shopset.contracts.events;

import java.util.List;

/**
 * Changes could not be pushed and will not be retried without help.
 *
 * @param reason a CamelCase word a machine can match: AuthenticationFailed, RepositoryNotFound,
 *     PermissionDenied, RetriesExhausted, …
 * @param message what happened and what to do, for a person; never contains credentials
 */
public record CommitFailed(
    String systemRepository,
    String branch,
    List<ShopSetRef> shopSets,
    String reason,
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
