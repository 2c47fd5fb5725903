package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.PromotionStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates a Promotion (or rollback) and, with {@code --wait}, waits for the outcome the watcher
 * writes to its status: {@link Exit#OK} when Succeeded, {@link Exit#FAILED} when Failed, {@link
 * Exit#TIMEOUT} when neither came in time.
 */
final class Promotions {

  /** Label on the Promotions shopctl creates. */
  static final String CREATED_BY = "shopset.dev/created-by";

  /** What {@code -o json|yaml} prints. */
  record Outcome(
      String name,
      String tier,
      String to,
      String commit,
      boolean rollback,
      String phase,
      String reason,
      String message) {}

  private Promotions() {}

  static int run(
      Cluster cluster,
      Output output,
      PrintWriter out,
      String generateName,
      PromotionSpec spec,
      String target,
      boolean wait,
      Duration timeout) {
    Promotion promotion = new Promotion();
    promotion.setMetadata(
        new ObjectMetaBuilder()
            .withGenerateName(generateName)
            .withLabels(Map.of(CREATED_BY, "shopctl"))
            .build());
    Identity me = Identity.of(cluster.client());
    spec = spec.requestedBy(me.user(), me.groups().isEmpty() ? null : me.groups());
    promotion.setSpec(spec);
    Promotion created = cluster.create(promotion);
    String name = created.getMetadata().getName();
    String what =
        spec.isRollback()
            ? "rollback of " + spec.tier() + " to " + spec.commit()
            : spec.tier()
                + " -> "
                + target
                + (spec.commit() == null
                    ? " (head of " + spec.tier() + ")"
                    : " at " + spec.commit());
    if (output.table()) {
      out.println("Promotion " + name + " created: " + what + ", requested by " + me.user());
      out.flush();
    }
    if (!wait) {
      if (output.table()) {
        out.println("Follow it with: shopctl tiers, or kubectl get promotion " + name);
      } else {
        output.data(out, outcome(created, target));
      }
      out.flush();
      return Exit.OK;
    }
    Promotion done;
    try {
      done =
          cluster
              .client()
              .resources(Promotion.class)
              .withName(name)
              .waitUntilCondition(
                  p -> p == null || finished(p), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      Promotion last = cluster.promotionOrNull(name);
      if (!output.table() && last != null) {
        output.data(out, outcome(last, target));
      }
      throw new ShopctlException(
          Exit.TIMEOUT,
          "Promotion "
              + name
              + " has no outcome after "
              + human(timeout)
              + " (phase "
              + (last == null || last.getStatus() == null || last.getStatus().phase() == null
                  ? "none yet: is the watcher running?"
                  : last.getStatus().phase())
              + "). It goes on in the cluster: kubectl get promotion "
              + name);
    } catch (KubernetesClientException e) {
      throw cluster.unavailable(e);
    }
    if (done == null) {
      throw new ShopctlException(Exit.FAILED, "Promotion " + name + " was deleted while waiting.");
    }
    PromotionStatus status = done.getStatus();
    if (!output.table()) {
      output.data(out, outcome(done, target));
    } else if (status.phase() == PromotionStatus.Phase.Succeeded) {
      String tier = spec.isRollback() ? spec.tier() : target;
      out.println("Promotion " + name + " Succeeded: " + tier + " is now at " + status.commit());
      if (!spec.isRollback() && status.previousCommit() != null) {
        // What the person who just released needs if it goes wrong, without kubectl.
        out.println(
            "It was at "
                + status.previousCommit()
                + "; to go back: shopctl rollback "
                + tier
                + " --to "
                + status.previousCommit());
      }
    } else {
      out.println(
          "Promotion "
              + name
              + " "
              + status.phase()
              + ": "
              + status.reason()
              + ": "
              + status.message());
    }
    out.flush();
    return status.phase() == PromotionStatus.Phase.Succeeded ? Exit.OK : Exit.FAILED;
  }

  static boolean finished(Promotion p) {
    PromotionStatus status = p.getStatus();
    if (status == null
        || status.phase() == null
        || status.phase() == PromotionStatus.Phase.Pending
        || status.phase() == PromotionStatus.Phase.PendingApproval
        || status.phase() == PromotionStatus.Phase.Approved) {
      return false;
    }
    Long generation = p.getMetadata().getGeneration();
    return generation == null
        || status.observedGeneration() == null
        || status.observedGeneration() >= generation;
  }

  private static Outcome outcome(Promotion p, String target) {
    PromotionStatus s = p.getStatus();
    return new Outcome(
        p.getMetadata().getName(),
        p.getSpec().tier(),
        target,
        s != null && s.commit() != null ? s.commit() : p.getSpec().commit(),
        p.getSpec().isRollback(),
        s == null || s.phase() == null ? null : s.phase().name(),
        s == null ? null : s.reason(),
        s == null ? null : s.message());
  }

  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }

  /** A commit as the API wants it: 40 lower-case hex digits. */
  static String commit(String sha, String option) {
    if (sha == null) {
      return null;
    }
    String lower = sha.toLowerCase();
    if (!lower.matches("[0-9a-f]{40}")) {
      throw new ShopctlException(
          Exit.USAGE,
          option
              + " needs a full commit id (40 hex digits), not '"
              + sha
              + "': git rev-parse "
              + sha
              + " prints it.");
    }
    return lower;
  }
}
