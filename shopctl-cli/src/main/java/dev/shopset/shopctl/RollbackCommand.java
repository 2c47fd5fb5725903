package dev.shopset.shopctl;

import dev.shopset.contracts.resources.PromotionSpec;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shopctl rollback TIER --to SHA}: the one way a tier's code goes back. */
@Command(
    name = "rollback",
    description = {
      "Creates a rollback Promotion: the app repository's TIER branch moves back to SHA (which"
          + " must be in its history) and the tier's base/ pin follows backwards. Pins move back"
          + " only this way. Allowed on a frozen tier.",
      "With --wait: exit 0 when it Succeeded, 1 when it Failed, 4 when --timeout ran out."
    })
final class RollbackCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "TIER", description = "The tier to roll back.")
  String tier;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "SHA",
      description = "The earlier commit of TIER's branch to go back to (40 hex digits).")
  String to;

  @Option(names = "--wait", description = "Wait for the outcome.")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long --wait waits (default: ${DEFAULT-VALUE}).",
      converter = Durations.class,
      defaultValue = "5m")
  Duration timeout;

  @Override
  int run(Cluster cluster, PrintWriter out) {
    String sha = Promotions.commit(to, "--to");
    cluster.tier(tier);
    return Promotions.run(
        cluster,
        output,
        out,
        tier + "-rollback-",
        new PromotionSpec(tier, sha, true),
        tier,
        wait,
        timeout);
  }
}
