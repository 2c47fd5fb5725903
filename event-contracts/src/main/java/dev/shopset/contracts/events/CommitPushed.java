package dev.shopset.contracts.events;

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
public record CommitPushed(
    String systemRepository,
    String branch,
    String sha,
    List<ShopSetRef> shopSets,
    int filesChanged,
    String summary,
    Instant committedAt,
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
  public record PinMove(String path, String repository, String branch, String from, String to) {
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
