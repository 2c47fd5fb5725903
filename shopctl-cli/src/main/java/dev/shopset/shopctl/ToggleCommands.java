package dev.shopset.shopctl;

import dev.shopset.contracts.resources.ShopSet;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shopctl maintenance on|off}, {@code suspend}, {@code resume}: one flag of a ShopSet. */
final class ToggleCommands {
  private ToggleCommands() {}

  /** A command on one ShopSet of a namespace. */
  abstract static class OnShopSet extends ClusterCommand {
    @Option(
        names = {"-n", "--namespace"},
        paramLabel = "NS",
        description = "Namespace (default: the context's).")
    String namespace;

    @Option(names = "--dry-run", description = "Print what would change; apply nothing.")
    boolean dryRun;

    ShopSet shopSet(Cluster cluster, String name) {
      return cluster.shopSet(Namespaces.or(namespace, cluster), name);
    }

    int set(Cluster cluster, PrintWriter out, String name, String field, boolean value) {
      ShopSet current = shopSet(cluster, name);
      Boolean before =
          "maintenance".equals(field)
              ? current.getSpec().maintenanceOn()
              : current.getSpec().suspended();
      return Edits.shopSet(cluster, output, out, current, field, before, value, dryRun);
    }
  }

  /** on or off. */
  enum Switch {
    on,
    off
  }

  @Command(
      name = "maintenance",
      description = {
        "Turns maintenance mode of SHOPSET on or off (spec.maintenance): every workload gets"
            + " SHOPSET_MAINTENANCE=true and the annotation shopset.dev/maintenance."
      })
  static final class Maintenance extends OnShopSet {
    @Parameters(index = "0", paramLabel = "on|off")
    Switch state;

    @Parameters(index = "1", paramLabel = "SHOPSET")
    String name;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      return set(cluster, out, name, "maintenance", state == Switch.on);
    }
  }

  @Command(
      name = "suspend",
      description = {
        "Suspends SHOPSET (spec.suspend: true): Argo CD stops syncing it automatically and shows"
            + " drift without changing anything."
      })
  static final class Suspend extends OnShopSet {
    @Parameters(index = "0", paramLabel = "SHOPSET")
    String name;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      return set(cluster, out, name, "suspend", true);
    }
  }

  @Command(
      name = "resume",
      description = {"Resumes SHOPSET (spec.suspend: false): automated sync again."})
  static final class Resume extends OnShopSet {
    @Parameters(index = "0", paramLabel = "SHOPSET")
    String name;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      return set(cluster, out, name, "suspend", false);
    }
  }
}
