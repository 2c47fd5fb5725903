package dev.shopset.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A commit reached the remote system branch.
 *
 * @param filesChanged paths added, changed or removed by the commit
 * @param summary the commit's subject line
 */
public record CommitPushed(
    String systemRepository,
    String branch,
    String sha,
    List<ShopSetRef> shopSets,
    int filesChanged,
    String summary,
    Instant committedAt)
    implements CommitEvent {
  public CommitPushed {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(sha, "sha");
    shopSets = Require.list(shopSets);
    Require.present(committedAt, "committedAt");
  }
}
