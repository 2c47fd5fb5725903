package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code shopctl tiers}: the release channels in rank order. */
@Command(
    name = "tiers",
    description = {
      "Shows the tiers in rank order: branch, the tier each promotes to, whether it is frozen, the"
          + " app commit (APP) and configuration commits (CONFIGS) its system branch pins, the app"
          + " commit waiting to be promoted to the next tier (WAITING), and its last Promotion."
    })
final class TiersCommand extends ClusterCommand {

  @Override
  int run(Cluster cluster, PrintWriter out) {
    List<Tier> tiers = cluster.tiers();
    Map<String, Tier> byName = new LinkedHashMap<>();
    tiers.forEach(t -> byName.put(t.getMetadata().getName(), t));
    List<TierView.Row> rows = TierView.rows(tiers, byName);
    if (!output.table()) {
      output.data(out, rows);
      return Exit.OK;
    }
    if (rows.isEmpty()) {
      out.println("No Tiers in this cluster.");
      out.flush();
      return Exit.OK;
    }
    List<List<String>> table = new ArrayList<>();
    for (TierView.Row r : rows) {
      table.add(
          List.of(
              r.name(),
              r.rank() == null ? "-" : String.valueOf(r.rank()),
              r.branch(),
              r.promotesTo() == null ? "-" : r.promotesTo(),
              r.frozen() ? "yes" : "no",
              Output.shortSha(r.app()),
              configs(r.configurations()),
              r.waiting() == null ? "-" : Output.shortSha(r.waiting()) + " -> " + r.promotesTo(),
              promotion(r.lastPromotion())));
    }
    Output.table(
        out,
        List.of(
            "TIER",
            "RANK",
            "BRANCH",
            "PROMOTES-TO",
            "FROZEN",
            "APP",
            "CONFIGS",
            "WAITING",
            "LAST-PROMOTION"),
        table);
    PendingApprovals.print(cluster.promotions(), byName, out);
    return Exit.OK;
  }

  private static String configs(List<TierStatus.Pin> pins) {
    if (pins.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (TierStatus.Pin p : pins) {
      String path = p.path().startsWith("config/") ? p.path().substring(7) : p.path();
      parts.add(path + "@" + Output.shortSha(p.commit()));
    }
    return String.join(",", parts);
  }

  private static String promotion(TierStatus.LastPromotion p) {
    if (p == null) {
      return "-";
    }
    return (Boolean.TRUE.equals(p.rollback()) ? "rollback " : "")
        + p.name()
        + " "
        + p.phase()
        + (p.commit() == null ? "" : " " + Output.shortSha(p.commit()));
  }
}
