package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/**
 * A commit reached the remote system branch.
 *
 * @param filesChanged paths added, changed or removed by the commit
 * @param summary the commit's subject line
 */
@JsonClassDescription("A commit reached the remote system branch.")
public record CommitPushed(
    @JsonPropertyDescription("Clone URL of the system repository.") String systemRepository,
    @JsonPropertyDescription("The system branch (the Tier's branch).") String branch,
    @JsonPropertyDescription("The commit's full SHA-1, now the branch's head.") String sha,
    @JsonPropertyDescription("The ShopSets (at their generations) the commit carries.")
        List<ShopSetRef> shopSets,
    @JsonPropertyDescription("How many paths the commit added, changed or removed.")
        int filesChanged,
    @JsonPropertyDescription("The commit's subject line.") String summary,
    @JsonPropertyDescription("When the commit was made (RFC 3339, UTC).") Instant committedAt)
    implements CommitEvent {
  public CommitPushed {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(sha, "sha");
    shopSets = Require.list(shopSets);
    Require.present(committedAt, "committedAt");
  }
}
