package dev.shopset.renderer.domain;

import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetDesired.EnvVar;
import dev.shopset.contracts.events.ShopSetDesired.Quantities;
import dev.shopset.contracts.resources.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A ShopSet's desired state after every check: names are DNS-1123 labels, paths are relative and
 * plain, repository paths are normalized ("" for the root). Only this is ever rendered.
 */
record RenderInput(
    String namespace,
    String name,
    String tier,
    String branch,
    String appUrl,
    String appPath,
    String systemUrl,
    List<String> tierClusters,
    String configuration,
    String configUrl,
    String configPath,
    List<String> shops,
    Integer replicas,
    Quantities requests,
    Quantities limits,
    List<EnvVar> env,
    boolean maintenance,
    List<String> zones,
    String cluster,
    boolean suspend,
    String slackChannel) {

  /** Environment variables ShopSet sets itself; a ShopSet may not declare them. */
  static final String RESERVED_ENV_PREFIX = "SHOPSET_";

  /**
   * Checks {@code desired} field by field.
   *
   * @throws InvalidDesiredStateException naming the first field that cannot be rendered
   */
  static RenderInput of(ShopSetDesired desired) {
    String namespace = Checks.label(desired.namespace(), "namespace");
    String name = Checks.shopSetName(desired.name(), "name");
    ShopSetDesired.TierState tier = desired.tier();
    ShopSetDesired.ConfigurationState configuration = desired.configuration();
    ShopSetDesired.Spec spec = desired.spec();
    String tierName = Checks.label(tier.name(), "tier.name");
    if (spec.tier() != null && !spec.tier().equals(tierName)) {
      throw Checks.invalid("spec.tier", "'" + spec.tier() + "' does not match tier.name");
    }
    String configName = Checks.label(configuration.name(), "configuration.name");
    if (spec.configuration() != null && !spec.configuration().equals(configName)) {
      throw Checks.invalid(
          "spec.configuration", "'" + spec.configuration() + "' does not match configuration.name");
    }
    ShopSetDesired.Resources resources = spec.resources();
    ShopSetDesired.FailureDomain failureDomain = spec.failureDomain();
    List<String> clusters = clusters(tier.clusters());
    return new RenderInput(
        namespace,
        name,
        tierName,
        Checks.branch(tier.branch(), "tier.branch"),
        Checks.url(tier.appRepository().url(), "tier.appRepository.url"),
        Checks.repositoryPath(tier.appRepository().path(), "tier.appRepository.path"),
        Checks.url(tier.systemRepository().url(), "tier.systemRepository.url"),
        clusters,
        configName,
        Checks.url(configuration.repository().url(), "configuration.repository.url"),
        Checks.repositoryPath(configuration.repository().path(), "configuration.repository.path"),
        shops(spec.shops()),
        replicas(spec.replicas()),
        quantities(resources == null ? null : resources.requests(), "spec.resources.requests"),
        quantities(resources == null ? null : resources.limits(), "spec.resources.limits"),
        env(spec.env()),
        spec.maintenanceOn(),
        zones(failureDomain == null ? null : failureDomain.zones()),
        cluster(failureDomain == null ? null : failureDomain.cluster(), clusters, tierName),
        spec.suspended(),
        Checks.slackChannel(
            desired.annotations().get(Labels.SLACK_CHANNEL),
            "annotations[" + Labels.SLACK_CHANNEL + "]"));
  }

  private static List<String> clusters(List<String> clusters) {
    if (clusters.size() > 100) {
      throw Checks.invalid("tier.clusters", "at most 100 clusters are allowed");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < clusters.size(); i++) {
      String cluster = Checks.subdomain(clusters.get(i), "tier.clusters[" + i + "]");
      if (!seen.add(cluster)) {
        throw Checks.invalid("tier.clusters[" + i + "]", "'" + cluster + "' is listed twice");
      }
    }
    return List.copyOf(clusters);
  }

  /** The destination cluster, which the Tier (and so its AppProject) must allow. */
  private static String cluster(String cluster, List<String> allowed, String tier) {
    if (cluster == null) {
      return null;
    }
    Checks.subdomain(cluster, "spec.failureDomain.cluster");
    if (!allowed.contains(cluster)) {
      throw Checks.invalid(
          "spec.failureDomain.cluster",
          "'"
              + cluster
              + "' is not among the clusters Tier '"
              + tier
              + "' allows (tier.clusters), so its AppProject would refuse the Application");
    }
    return cluster;
  }

  private static List<String> shops(List<String> shops) {
    if (shops == null || shops.isEmpty()) {
      throw Checks.invalid("spec.shops", "at least one shop is required");
    }
    if (shops.size() > 1000) {
      throw Checks.invalid("spec.shops", "at most 1000 shops are allowed");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < shops.size(); i++) {
      String shop = Checks.label(shops.get(i), "spec.shops[" + i + "]");
      if (!seen.add(shop)) {
        throw Checks.invalid("spec.shops[" + i + "]", "'" + shop + "' is listed twice");
      }
    }
    return List.copyOf(shops);
  }

  private static Integer replicas(Integer replicas) {
    if (replicas != null && (replicas < 0 || replicas > 1000)) {
      throw Checks.invalid("spec.replicas", replicas + " is not between 0 and 1000");
    }
    return replicas;
  }

  private static Quantities quantities(Quantities q, String field) {
    if (q == null || (q.cpu() == null && q.memory() == null)) {
      return null;
    }
    Checks.quantity(q.cpu(), field + ".cpu");
    Checks.quantity(q.memory(), field + ".memory");
    return q;
  }

  private static List<EnvVar> env(List<EnvVar> env) {
    if (env == null) {
      return List.of();
    }
    if (env.size() > 100) {
      throw Checks.invalid("spec.env", "at most 100 variables are allowed");
    }
    Set<String> seen = new HashSet<>();
    List<EnvVar> checked = new ArrayList<>(env.size());
    for (int i = 0; i < env.size(); i++) {
      EnvVar var = env.get(i);
      if (var == null) {
        throw Checks.invalid("spec.env[" + i + "]", "is empty");
      }
      String field = "spec.env[" + i + "].name";
      String name = Checks.envName(var.name(), field);
      if (name.startsWith(RESERVED_ENV_PREFIX)) {
        throw Checks.invalid(field, "'" + name + "' uses the reserved prefix SHOPSET_");
      }
      if (!seen.add(name)) {
        throw Checks.invalid(field, "'" + name + "' is listed twice");
      }
      String value = Checks.text(var.value(), "spec.env[" + i + "].value", 32768);
      checked.add(new EnvVar(name, value));
    }
    return List.copyOf(checked);
  }

  private static List<String> zones(List<String> zones) {
    if (zones == null) {
      return List.of();
    }
    if (zones.size() > 10) {
      throw Checks.invalid("spec.failureDomain.zones", "at most 10 zones are allowed");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < zones.size(); i++) {
      String zone = Checks.zone(zones.get(i), "spec.failureDomain.zones[" + i + "]");
      if (!seen.add(zone)) {
        throw Checks.invalid(
            "spec.failureDomain.zones[" + i + "]", "'" + zone + "' is listed twice");
      }
    }
    return List.copyOf(zones);
  }

  /** Whether any container-level override needs the replacement source file. */
  boolean hasContainerOverrides() {
    return requests != null || limits != null || !env.isEmpty() || maintenance;
  }
}
