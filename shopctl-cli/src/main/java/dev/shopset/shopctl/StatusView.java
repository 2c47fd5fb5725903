package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code shopctl status} shows of a ShopSet: its tier, shops, Ready and why not, the system
 * commit that carries it, the app revision its tier pins, and how its last rollout went. Pure.
 */
public final class StatusView {

  /** One ShopSet's line. */
  public record Row(
      String namespace,
      String name,
      String tier,
      List<String> shops,
      String ready,
      String reason,
      String message,
      String systemCommit,
      String systemBranch,
      String appRevision,
      String lastRollout,
      Boolean maintenance,
      Boolean suspended) {}

  private StatusView() {}

  /** The rows of {@code shopSets}, with their Tiers by name and their Deployments. */
  public static List<Row> rows(
      List<ShopSet> shopSets, Map<String, Tier> tiers, List<Deployment> deployments) {
    Map<String, List<Deployment>> byShopSet = new HashMap<>();
    for (Deployment d : deployments) {
      Map<String, String> labels = d.getMetadata().getLabels();
      String owner = labels == null ? null : labels.get(Labels.SHOPSET);
      if (owner != null) {
        byShopSet
            .computeIfAbsent(d.getMetadata().getNamespace() + "/" + owner, k -> new ArrayList<>())
            .add(d);
      }
    }
    List<Row> rows = new ArrayList<>(shopSets.size());
    for (ShopSet s : shopSets) {
      String key = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
      rows.add(row(s, tiers, byShopSet.getOrDefault(key, List.of())));
    }
    return rows;
  }

  private static Row row(ShopSet s, Map<String, Tier> tiers, List<Deployment> deployments) {
    var spec = s.getSpec();
    String tierName = spec == null ? null : spec.tier();
    Tier tier = tierName == null ? null : tiers.get(tierName);
    TierStatus.Pin base =
        tier == null || tier.getStatus() == null ? null : tier.getStatus().pin("base");
    var status = s.getStatus();
    var commit = status == null ? null : status.lastCommit();
    String[] ready = ready(s);
    return new Row(
        s.getMetadata().getNamespace(),
        s.getMetadata().getName(),
        tierName,
        spec == null || spec.shops() == null ? List.of() : spec.shops(),
        ready[0],
        ready[1],
        ready[2],
        commit == null ? null : commit.sha(),
        commit == null ? null : commit.branch(),
        base == null ? null : base.commit(),
        rollout(deployments),
        spec != null && spec.maintenanceOn() ? true : null,
        spec != null && spec.suspended() ? true : null);
  }

  /** Ready's status, reason and message; Unknown while the current generation is not observed. */
  static String[] ready(ShopSet s) {
    var status = s.getStatus();
    Long generation = s.getMetadata().getGeneration();
    if (status == null || status.conditions() == null || status.conditions().isEmpty()) {
      return new String[] {
        Condition.UNKNOWN, "NotObserved", "The watcher has not reported on this ShopSet yet."
      };
    }
    if (generation != null
        && (status.observedGeneration() == null || status.observedGeneration() < generation)) {
      return new String[] {
        Condition.UNKNOWN,
        "Progressing",
        "Generation " + generation + " is not yet through the pipeline."
      };
    }
    Condition readyCondition =
        status.conditions().stream()
            .filter(c -> Conditions.READY.equals(c.type()))
            .findFirst()
            .orElse(null);
    if (readyCondition == null) {
      return new String[] {Condition.UNKNOWN, "NotObserved", "No Ready condition yet."};
    }
    if (Condition.TRUE.equals(readyCondition.status())) {
      return new String[] {Condition.TRUE, readyCondition.reason(), null};
    }
    return new String[] {
      readyCondition.status(), readyCondition.reason(), readyCondition.message()
    };
  }

  /** How the last rollout of the ShopSet's Deployments went: rolled out, rolling out, failed. */
  static String rollout(List<Deployment> deployments) {
    if (deployments.isEmpty()) {
      return null;
    }
    int done = 0;
    boolean failed = false;
    for (Deployment d : deployments) {
      var status = d.getStatus();
      int wanted =
          d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      if (status == null) {
        continue;
      }
      for (DeploymentCondition c :
          status.getConditions() == null
              ? List.<DeploymentCondition>of()
              : status.getConditions()) {
        if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
          failed = true;
        }
      }
      Long generation = d.getMetadata().getGeneration();
      boolean observed =
          generation == null
              || (status.getObservedGeneration() != null
                  && status.getObservedGeneration() >= generation);
      if (observed
          && value(status.getUpdatedReplicas()) >= wanted
          && value(status.getAvailableReplicas()) >= wanted
          && value(status.getReplicas()) <= wanted) {
        done++;
      }
    }
    if (failed) {
      return "failed";
    }
    return done == deployments.size()
        ? "rolled out"
        : "rolling out (" + done + "/" + deployments.size() + " done)";
  }

  private static int value(Integer i) {
    return i == null ? 0 : i;
  }
}
