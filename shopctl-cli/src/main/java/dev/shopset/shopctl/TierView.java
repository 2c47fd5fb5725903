package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code shopctl tiers} shows of a Tier: rank, branch, where it promotes to, frozen or not,
 * the commits its system branch pins (app and configurations), the app commit waiting to be
 * promoted to the next tier, and its last Promotion. Pure.
 */
public final class TierView {

  /** One Tier's line. */
  public record Row(
      String name,
      Integer rank,
      String branch,
      String promotesTo,
      boolean frozen,
      String app,
      List<TierStatus.Pin> configurations,
      String waiting,
      TierStatus.LastPromotion lastPromotion,
      Integer shopSets) {}

  private TierView() {}

  /** The rows of {@code tiers} (already in rank order), with the Tiers by name. */
  public static List<Row> rows(List<Tier> tiers, Map<String, Tier> byName) {
    List<Row> rows = new ArrayList<>();
    for (Tier t : tiers) {
      var spec = t.getSpec();
      TierStatus status = t.getStatus();
      String name = t.getMetadata().getName();
      String app = appCommit(t);
      String promotesTo = spec == null ? null : spec.promotesTo();
      String waiting = null;
      if (promotesTo != null && app != null) {
        Tier next = byName.get(promotesTo);
        if (next != null && !Objects.equals(app, appCommit(next))) {
          waiting = app;
        }
      }
      List<TierStatus.Pin> configurations =
          status == null || status.pins() == null
              ? List.of()
              : status.pins().stream().filter(p -> !"base".equals(p.path())).toList();
      rows.add(
          new Row(
              name,
              spec == null ? null : spec.rank(),
              spec == null ? name : spec.branchOr(name),
              promotesTo,
              spec != null && spec.isFrozen(),
              app,
              configurations,
              waiting,
              status == null ? null : status.lastPromotion(),
              status == null ? null : status.shopSets()));
    }
    return rows;
  }

  /** The app-repository commit the Tier's system branch pins as base/. */
  static String appCommit(Tier tier) {
    if (tier.getStatus() == null) {
      return null;
    }
    TierStatus.Pin base = tier.getStatus().pin("base");
    return base == null ? null : base.commit();
  }
}
