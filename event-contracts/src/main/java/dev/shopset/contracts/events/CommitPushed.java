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
 * @param pins the submodule pins the commit moved or added ({@code base}, {@code
 *     config/<namespace>/<configuration>}); empty when it moved none
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
    @JsonPropertyDescription("When the commit was made (RFC 3339, UTC).") Instant committedAt,
    @JsonPropertyDescription(
            "The submodule pins the commit moved or added (base, config/<namespace>/<configuration>);"
                + " empty when it moved none.")
        List<PinMove> pins)
    implements CommitEvent {

  /** A commit that moved no pin. */
  public CommitPushed(
      String systemRepository,
      String branch,
      String sha,
      List<ShopSetRef> shopSets,
      int filesChanged,
      String summary,
      Instant committedAt) {
    this(systemRepository, branch, sha, shopSets, filesChanged, summary, committedAt, List.of());
  }

  /**
   * A submodule of the system branch now pinned to {@code to} (a commit of {@code branch} of {@code
   * repository}), from {@code from} (absent when the submodule is new).
   */
  @JsonClassDescription("A submodule pin the commit moved.")
  public record PinMove(
      @JsonPropertyDescription("The submodule's path in the system branch.") String path,
      @JsonPropertyDescription("The repository the submodule points at.") String repository,
      @JsonPropertyDescription("The branch of that repository the pin follows.") String branch,
      @JsonPropertyDescription("The commit pinned before; absent when the submodule is new.")
          String from,
      @JsonPropertyDescription("The commit pinned now.") String to) {
    public PinMove {
      Require.present(path, "pin.path");
      Require.present(to, "pin.to");
    }
  }

  public CommitPushed {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(sha, "sha");
    shopSets = Require.list(shopSets);
    Require.present(committedAt, "committedAt");
    pins = Require.list(pins);
  }
}
