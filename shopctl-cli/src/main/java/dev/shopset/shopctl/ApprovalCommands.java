package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionApprovalSpec;
import dev.shopset.contracts.resources.PromotionApprovalSpec.Decision;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shopctl approve|reject PROMOTION}: a PromotionApproval in the caller's own name (the
 * admission policy refuses any other); the watcher counts it against the target Tier's policy.
 */
final class ApprovalCommands {

  private ApprovalCommands() {}

  /** Approve or reject. */
  abstract static class Decide extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "PROMOTION", description = "The Promotion's name.")
    String promotion;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
    String reason;

    abstract Decision decision();

    @Override
    int run(Cluster cluster, PrintWriter out) {
      Promotion target = cluster.promotionOrNull(promotion);
      if (target == null) {
        throw new ShopctlException(
            Exit.NOT_FOUND,
            "Promotion "
                + promotion
                + " does not exist. Promotions waiting for approval: kubectl get promotions.");
      }
      Phase phase = target.getStatus() == null ? null : target.getStatus().phase();
      if (phase != null && phase != Phase.PendingApproval) {
        throw new ShopctlException(
            Exit.FAILED,
            "Promotion " + promotion + " is not waiting for approvals (it is " + phase + ").");
      }
      Identity me = Identity.of(cluster.client());
      PromotionApproval approval = new PromotionApproval();
      approval.setMetadata(
          new ObjectMetaBuilder()
              .withGenerateName(promotion + "-" + Names.safe(me.user()) + "-")
              .withLabels(Map.of(Promotions.CREATED_BY, "shopctl"))
              .build());
      approval.setSpec(
          new PromotionApprovalSpec(
              promotion,
              decision(),
              reason,
              me.user(),
              me.groups().isEmpty() ? null : me.groups(),
              "shopctl"));
      PromotionApproval created = cluster.create(approval);
      String verb = decision() == Decision.Approve ? "Approved" : "Rejected";
      out.println(
          verb
              + " Promotion "
              + promotion
              + " as "
              + me.user()
              + " (PromotionApproval "
              + created.getMetadata().getName()
              + ").");
      out.println(
          "The watcher checks it against the Tier's approvers: kubectl get promotionapproval "
              + created.getMetadata().getName()
              + ", shopctl tiers.");
      out.flush();
      return Exit.OK;
    }
  }

  /** {@code shopctl approve}. */
  @Command(
      name = "approve",
      description = {
        "Approves a Promotion waiting for approvals (PendingApproval), as you: your Kubernetes"
            + " identity, which the cluster checks. It runs once the Tier's required approvals are"
            + " in."
      })
  static final class Approve extends Decide {
    @Override
    Decision decision() {
      return Decision.Approve;
    }
  }

  /** {@code shopctl reject}. */
  @Command(
      name = "reject",
      description = {
        "Rejects a Promotion waiting for approvals, as you: it never runs (create a new one"
            + " later)."
      })
  static final class Reject extends Decide {
    @Override
    Decision decision() {
      return Decision.Reject;
    }
  }

  /** Object-name-safe forms of user names. */
  static final class Names {
    private Names() {}

    static String safe(String user) {
      String s = user.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
      s = s.replaceAll("^-|-$", "");
      return s.isEmpty() ? "user" : s.substring(0, Math.min(30, s.length()));
    }
  }
}
