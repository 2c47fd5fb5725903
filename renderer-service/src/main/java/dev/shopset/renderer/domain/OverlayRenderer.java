package dev.shopset.renderer.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the Kustomize overlay of one ShopSet: {@code kustomization.yaml} plus one file per patch,
 * keyed by file name inside {@code shopsets/<namespace>/<name>/}. See DESIGN.md for the layout.
 */
final class OverlayRenderer {

  static final String KUSTOMIZATION = "kustomization.yaml";
  static final String OVERRIDES = "overrides.yaml";
  static final String REPLICAS = "replicas.yaml";
  static final String AUTOSCALING = "autoscaling.yaml";
  static final String MAINTENANCE = "maintenance.yaml";
  static final String FAILURE_DOMAIN = "failure-domain.yaml";
  static final String SLACK_CHANNEL = "slack-channel.yaml";

  /** The generated ConfigMap with the shop list; bases may refer to it by this name. */
  static final String SHOPS_CONFIG_MAP = "shopset-shops";

  /** Replacement source for container overrides; local-config, so never applied. */
  static final String OVERRIDES_CONFIG_MAP = "shopset-overrides";

  static final String WORKLOADS = "Deployment|StatefulSet|DaemonSet";
  // Replacement selectors match kinds literally (patch targets take a regex): one target each.
  static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet");
  static final String SCALABLE = "Deployment|StatefulSet";
  static final String ZONE_KEY = "topology.kubernetes.io/zone";
  private static final String UP = "../../../";
  private static final String CONTAINERS = "spec.template.spec.containers.*.";

  private OverlayRenderer() {}

  static SortedMap<String, String> render(RenderInput in) {
    SortedMap<String, String> files = new TreeMap<>();
    List<Object> patches = new ArrayList<>();
    if (in.replicas() != null) {
      files.put(REPLICAS, replicas(in.replicas()));
      patches.add(patch(REPLICAS, SCALABLE));
      files.put(AUTOSCALING, deleteAutoscalers());
      patches.add(patch(AUTOSCALING, "HorizontalPodAutoscaler"));
    }
    if (in.maintenance()) {
      files.put(MAINTENANCE, annotate(Labels.MAINTENANCE, "true"));
      patches.add(patch(MAINTENANCE, WORKLOADS));
    }
    if (!in.zones().isEmpty()) {
      files.put(FAILURE_DOMAIN, failureDomain(in));
      patches.add(patch(FAILURE_DOMAIN, WORKLOADS));
    }
    if (in.slackChannel() != null) {
      files.put(SLACK_CHANNEL, annotate(Labels.SLACK_CHANNEL, in.slackChannel()));
      patches.add(patch(SLACK_CHANNEL, "Deployment"));
    }
    Map<String, String> overrides = overrides(in);
    if (!overrides.isEmpty()) {
      files.put(OVERRIDES, overridesFile(overrides));
    }
    files.put(KUSTOMIZATION, kustomization(in, patches, overrides));
    return files;
  }

  private static String kustomization(
      RenderInput in, List<Object> patches, Map<String, String> overrides) {
    List<Object> resources = new ArrayList<>();
    resources.add(UP + "base" + suffix(in.appPath()));
    if (!overrides.isEmpty()) {
      resources.add(OVERRIDES);
    }
    Map<String, Object> root =
        Maps.of(
            "apiVersion",
            "kustomize.config.k8s.io/v1beta1",
            "kind",
            "Kustomization",
            "namespace",
            in.namespace(),
            // Every object's name, the component's included: ShopSets of one namespace never share.
            "namePrefix",
            Identities.objectPrefix(in.name()),
            "resources",
            resources,
            "components",
            List.of(
                UP
                    + RenderEvent.configSubmoduleOf(in.namespace(), in.configuration())
                    + suffix(in.configPath())),
            "labels",
            List.of(
                // In selectors too, so no Service, PDB or spread of one ShopSet selects another's
                // pods; fixed for the ShopSet's life, so an immutable selector never changes.
                Maps.of("pairs", Maps.of(Labels.SHOPSET, in.name()), "includeSelectors", true),
                // Not in selectors: a tier move changes the tier label.
                Maps.of(
                    "pairs",
                    Maps.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, Labels.TIER, in.tier()),
                    "includeSelectors",
                    false,
                    "includeTemplates",
                    true)),
            "configMapGenerator",
            List.of(
                Maps.of(
                    "name",
                    SHOPS_CONFIG_MAP,
                    "literals",
                    List.of(
                        "SHOPSET_NAME=" + in.name(),
                        "SHOPSET_SHOPS=" + String.join(",", in.shops()),
                        "SHOPSET_TIER=" + in.tier()))),
            "patches",
            patches.isEmpty() ? null : patches,
            "replacements",
            overrides.isEmpty() ? null : replacements(overrides));
    return "# Rendered by ShopSet for "
        + in.namespace()
        + "/"
        + in.name()
        + ". Do not edit: the renderer rewrites this directory.\n"
        + YamlWriter.write(root);
  }

  /** Source key to container field path, in the order they are applied. */
  private static Map<String, String> overrides(RenderInput in) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    quantity(out, "requests", in.requests());
    quantity(out, "limits", in.limits());
    for (ShopSetDesired.EnvVar var : in.env()) {
      out.put("env." + var.name(), var.value());
    }
    if (in.maintenance()) {
      out.put("env." + Labels.MAINTENANCE_ENV, "true");
    }
    return out;
  }

  private static void quantity(Map<String, String> out, String kind, ShopSetDesired.Quantities q) {
    if (q != null && q.cpu() != null) {
      out.put("resources." + kind + ".cpu", q.cpu());
    }
    if (q != null && q.memory() != null) {
      out.put("resources." + kind + ".memory", q.memory());
    }
  }

  private static String overridesFile(Map<String, String> overrides) {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    overrides.forEach((key, value) -> data.put(sourceKey(key), value));
    return YamlWriter.write(
        Maps.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Maps.of(
                "name",
                OVERRIDES_CONFIG_MAP,
                "annotations",
                Maps.of("config.kubernetes.io/local-config", "true")),
            "data",
            data));
  }

  /** ConfigMap keys may not hold the '.' of a field path segment safely: use '-' instead. */
  private static String sourceKey(String key) {
    return key.replace('.', '-');
  }

  private static List<Object> replacements(Map<String, String> overrides) {
    List<Object> out = new ArrayList<>();
    for (String key : overrides.keySet()) {
      String target =
          key.startsWith("env.")
              ? CONTAINERS + "env.[name=" + key.substring(4) + "].value"
              : CONTAINERS + key;
      out.add(
          Maps.of(
              "source",
              Maps.of(
                  "kind",
                  "ConfigMap",
                  "name",
                  OVERRIDES_CONFIG_MAP,
                  "fieldPath",
                  "data." + sourceKey(key)),
              "targets",
              WORKLOAD_KINDS.stream()
                  .map(kind ->
                      (Object)
                          Maps.of(
                              "select", Maps.of("kind", kind),
                              "fieldPaths", List.of(target),
                              "options", Maps.of("create", true)))
                  .toList()));
    }
    return out;
  }

  private static Map<String, Object> patch(String path, String kind) {
    return Maps.of("path", path, "target", Maps.of("kind", kind));
  }

  private static String replicas(int replicas) {
    return YamlWriter.write(
        List.of(Maps.of("op", "add", "path", "/spec/replicas", "value", replicas)));
  }

  private static String deleteAutoscalers() {
    return "# A fixed replica count replaces autoscaling, so Argo CD and the HPA do not fight.\n"
        + YamlWriter.write(
            Maps.of(
                "$patch", "delete",
                "apiVersion", "autoscaling/v2",
                "kind", "HorizontalPodAutoscaler",
                "metadata", Maps.of("name", "shopset-autoscalers")));
  }

  private static String annotate(String key, String value) {
    return YamlWriter.write(
        Maps.of(
            "apiVersion", "apps/v1",
            "kind", "Deployment",
            "metadata", Maps.of("name", "shopset-workloads", "annotations", Maps.of(key, value))));
  }

  private static String failureDomain(RenderInput in) {
    Map<String, Object> podSpec =
        Maps.of(
            "affinity",
            Maps.of(
                "nodeAffinity",
                Maps.of(
                    "requiredDuringSchedulingIgnoredDuringExecution",
                    Maps.of(
                        "nodeSelectorTerms",
                        List.of(
                            Maps.of(
                                "matchExpressions",
                                List.of(
                                    Maps.of(
                                        "key",
                                        ZONE_KEY,
                                        "operator",
                                        "In",
                                        "values",
                                        in.zones()))))))),
            "topologySpreadConstraints",
            List.of(
                Maps.of(
                    "maxSkew",
                    1,
                    "topologyKey",
                    ZONE_KEY,
                    "whenUnsatisfiable",
                    "ScheduleAnyway",
                    "labelSelector",
                    Maps.of("matchLabels", Maps.of(Labels.SHOPSET, in.name())),
                    "matchLabelKeys",
                    List.of("pod-template-hash"))));
    return YamlWriter.write(
        Maps.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Maps.of("name", "shopset-workloads"),
            "spec",
            Maps.of("template", Maps.of("spec", podSpec))));
  }

  private static String suffix(String path) {
    return path.isEmpty() ? "" : "/" + path;
  }
}
