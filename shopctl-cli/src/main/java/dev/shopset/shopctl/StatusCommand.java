package dev.shopset.shopctl;

import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shopctl status}: where ShopSets stand. */
@Command(
    name = "status",
    description = {
      "Shows each ShopSet: its tier, shops, Ready (and why not), the system commit that carries"
          + " it, the app revision its tier pins, and how its last rollout went.",
      "Exits 3 when the named ShopSet does not exist."
    })
final class StatusCommand extends ClusterCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHOPSET",
      description = "One ShopSet (default: all of the namespace).")
  String name;

  @ArgGroup(exclusive = true)
  Scope scope = new Scope();

  static final class Scope {
    @Option(
        names = {"-n", "--namespace"},
        paramLabel = "NS",
        description = "Namespace (default: the context's).")
    String namespace;

    @Option(
        names = {"-A", "--all-namespaces"},
        description = "Every namespace.")
    boolean all;
  }

  @Override
  int run(Cluster cluster, PrintWriter out) {
    if (scope.all && name != null) {
      throw new ShopctlException(Exit.USAGE, "Name a ShopSet or use -A, not both.");
    }
    String namespace = scope.all ? null : Namespaces.or(scope.namespace, cluster);
    List<ShopSet> shopSets =
        name == null ? cluster.shopSets(namespace) : List.of(cluster.shopSet(namespace, name));
    Map<String, Tier> tiers = new LinkedHashMap<>();
    cluster.tiers().forEach(t -> tiers.put(t.getMetadata().getName(), t));
    List<StatusView.Row> rows =
        StatusView.rows(shopSets, tiers, cluster.shopSetDeployments(namespace));
    if (!output.table()) {
      output.data(out, name == null ? rows : rows.get(0));
      return Exit.OK;
    }
    if (rows.isEmpty()) {
      out.println(
          namespace == null
              ? "No ShopSets in any namespace."
              : "No ShopSets in " + namespace + ".");
      out.flush();
      return Exit.OK;
    }
    List<String> headers = new ArrayList<>();
    if (scope.all) {
      headers.add("NAMESPACE");
    }
    headers.addAll(
        List.of("NAME", "TIER", "SHOPS", "READY", "COMMIT", "APP", "ROLLOUT", "FLAGS", "MESSAGE"));
    List<List<String>> table = new ArrayList<>();
    for (StatusView.Row r : rows) {
      List<String> line = new ArrayList<>();
      if (scope.all) {
        line.add(r.namespace());
      }
      line.addAll(
          List.of(
              r.name(),
              nullToDash(r.tier()),
              String.valueOf(r.shops().size()),
              r.ready(),
              Output.shortSha(r.systemCommit()),
              Output.shortSha(r.appRevision()),
              nullToDash(r.lastRollout()),
              flags(r),
              r.message() == null ? "-" : r.reason() + ": " + r.message()));
      table.add(line);
    }
    Output.table(out, headers, table);
    return Exit.OK;
  }

  private static String flags(StatusView.Row r) {
    List<String> flags = new ArrayList<>();
    if (Boolean.TRUE.equals(r.maintenance())) {
      flags.add("maintenance");
    }
    if (Boolean.TRUE.equals(r.suspended())) {
      flags.add("suspended");
    }
    return flags.isEmpty() ? "-" : String.join(",", flags);
  }

  private static String nullToDash(String s) {
    return s == null ? "-" : s;
  }
}
