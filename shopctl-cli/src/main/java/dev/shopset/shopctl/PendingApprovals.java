package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.Tier;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lines for Promotions waiting for approvals, per target tier, under {@code shopctl tiers}. */
final class PendingApprovals {

  private PendingApprovals() {}

  /** Prints e.g. {@code prod: 1 promotion waiting for 1 more approval (p: shopctl approve p)}. */
  static void print(List<Promotion> promotions, Map<String, Tier> tiers, PrintWriter out) {
    Map<String, List<Promotion>> byTier = new TreeMap<>();
    for (Promotion p : promotions) {
      PromotionStatus s = p.getStatus();
      if (s == null || s.phase() != PromotionStatus.Phase.PendingApproval || p.getSpec() == null) {
        continue;
      }
      String to = target(p, tiers);
      byTier.computeIfAbsent(to, k -> new java.util.ArrayList<>()).add(p);
    }
    byTier.forEach((tier, waiting) -> {
      int missing =
          waiting.stream()
              .mapToInt(p -> {
                var s = p.getStatus();
                int required = s.approvalsRequired() == null ? 0 : s.approvalsRequired();
                int have = s.approvals() == null ? 0 : s.approvals().size();
                return Math.max(0, required - have);
              })
              .sum();
      out.println(
          tier
              + ": "
              + waiting.size()
              + (waiting.size() == 1 ? " promotion" : " promotions")
              + " waiting for "
              + missing
              + " more approval"
              + (missing == 1 ? "" : "s")
              + " ("
              + String.join(
                  ", ",
                  waiting.stream()
                      .map(p -> p.getMetadata().getName() + " requested by " + by(p))
                      .toList())
              + "): shopctl approve|reject PROMOTION");
    });
    out.flush();
  }

  private static String by(Promotion p) {
    String by = p.getStatus().requestedBy();
    return by == null ? "unknown" : by;
  }

  private static String target(Promotion p, Map<String, Tier> tiers) {
    if (p.getSpec().isRollback()) {
      return p.getSpec().tier();
    }
    Tier from = tiers.get(p.getSpec().tier());
    return from == null || from.getSpec() == null || from.getSpec().promotesTo() == null
        ? p.getSpec().tier()
        : from.getSpec().promotesTo();
  }
}
