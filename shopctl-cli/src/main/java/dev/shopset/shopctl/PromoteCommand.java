package dev.shopset.shopctl;

import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.Tier;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shopctl promote TIER}: moves a tier's code to the tier it promotes to. */
@Command(
    name = "promote",
    description = {
      "Creates a Promotion: the app repository's TIER branch head (or --commit, a commit of its"
          + " history) moves to the tier TIER promotes to, and that tier's base/ pin follows.",
      "With --wait, waits for the outcome: exits 0 when it Succeeded, 1 when it Failed (the"
          + " reason is printed), 4 when --timeout ran out."
    })
final class PromoteCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "TIER", description = "The tier whose code moves up.")
  String tier;

  @Option(
      names = "--commit",
      paramLabel = "SHA",
      description = "Promote this commit of TIER's branch (40 hex digits) instead of its head.")
  String commit;

  @Option(names = "--wait", description = "Wait for the outcome.")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long --wait waits (ISO-8601 or e.g. 90s, 5m; default: ${DEFAULT-VALUE}).",
      converter = Durations.class,
      defaultValue = "5m")
  Duration timeout;

  @Override
  int run(Cluster cluster, PrintWriter out) {
    String sha = Promotions.commit(commit, "--commit");
    Tier from = cluster.tier(tier);
    String to = from.getSpec() == null ? null : from.getSpec().promotesTo();
    if (to == null || to.isBlank()) {
      throw new ShopctlException(
          Exit.FAILED,
          "Tier "
              + tier
              + " has no spec.promotesTo, so there is no tier to promote it to"
              + nextHint(cluster, from)
              + ".");
    }
    Tier target = cluster.tierOrNull(to);
    if (target != null && target.getSpec() != null && target.getSpec().isFrozen()) {
      note(
          "Note: tier "
              + to
              + " is frozen: this Promotion will fail (TierFrozen) until `shopctl unfreeze "
              + to
              + "`.");
    }
    return Promotions.run(
        cluster,
        output,
        out,
        tier + "-to-" + to + "-",
        new PromotionSpec(tier, sha, null),
        to,
        wait,
        timeout);
  }

  private static String nextHint(Cluster cluster, Tier from) {
    return cluster.tiers().stream()
        .filter(t -> t.getSpec() != null && from.getSpec() != null)
        .filter(t -> t.getSpec().promotesTo() != null)
        .filter(t -> t.getSpec().promotesTo().equals(from.getMetadata().getName()))
        .findFirst()
        .map(t -> " (it is the last tier; " + t.getMetadata().getName() + " promotes to it)")
        .orElse("");
  }
}
