package dev.shopset.shopctl;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code shopctl freeze|unfreeze TIER}: hold a tier still during an incident. */
final class FreezeCommands {
  private FreezeCommands() {}

  @Command(
      name = "freeze",
      description = {
        "Freezes TIER (spec.frozen: true, by server-side apply as field manager shopctl): no pin"
            + " bumps and no Promotions reach it until it is unfrozen; a rollback still does, and"
            + " ShopSet changes are still rendered and committed."
      })
  static final class Freeze extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "TIER")
    String tier;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      return Edits.frozen(cluster, output, out, cluster.tier(tier), true);
    }
  }

  @Command(
      name = "unfreeze",
      description = {
        "Unfreezes TIER: its pins follow their branches again (at the next push or poll) and"
            + " Promotions into it are carried out."
      })
  static final class Unfreeze extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "TIER")
    String tier;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      return Edits.frozen(cluster, output, out, cluster.tier(tier), false);
    }
  }
}
