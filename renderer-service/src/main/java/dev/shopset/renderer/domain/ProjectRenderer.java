package dev.shopset.renderer.domain;

import dev.shopset.contracts.resources.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a Tier's Argo CD {@code AppProject}, which every Application of the Tier uses: sources
 * only from the Tier's system repository, destinations only the cluster Argo CD runs in and the
 * Tier's clusters, no cluster-scoped objects. It depends on the Tier alone, so every ShopSet of a
 * Tier renders the same bytes.
 */
final class ProjectRenderer {

  /** Argo CD applies lower waves first: the project exists before its Applications (wave 0). */
  static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";

  /**
   * Namespaces no Application of the project may deploy to, whatever the Tier's namespace selector
   * says: Kubernetes' own and Argo CD's. Argo CD reads a leading '!' as "not" (since 2.5).
   */
  static List<String> deniedNamespaces(RenderSettings settings) {
    return List.of("!kube-*", "!" + settings.argoNamespace());
  }

  private ProjectRenderer() {}

  static String render(RenderInput in, RenderSettings settings) {
    List<Object> destinations = new ArrayList<>();
    for (String namespace : deniedNamespaces(settings)) {
      destinations.add(Maps.of("server", ApplicationRenderer.IN_CLUSTER, "namespace", namespace));
    }
    for (String cluster : in.tierClusters()) {
      for (String namespace : deniedNamespaces(settings)) {
        destinations.add(Maps.of("name", cluster, "namespace", namespace));
      }
    }
    Map<String, Object> root =
        Maps.of(
            "apiVersion",
            "argoproj.io/v1alpha1",
            "kind",
            "AppProject",
            "metadata",
            Maps.of(
                "name",
                Identities.projectName(in.tier()),
                "namespace",
                settings.argoNamespace(),
                "labels",
                Maps.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, Labels.TIER, in.tier()),
                "annotations",
                Maps.of(SYNC_WAVE, "-1")),
            "spec",
            Maps.of(
                "description",
                "ShopSets of Tier " + in.tier() + " (rendered by ShopSet)",
                "sourceRepos",
                List.of(in.systemUrl()),
                "destinations",
                destinations,
                // Empty: no Namespace, ClusterRole, CRD, webhook ... from any tenant's component.
                "clusterResourceWhitelist",
                List.of()));
    return "# Rendered by ShopSet for Tier "
        + in.tier()
        + ". Do not edit: the renderer rewrites this file.\n"
        + YamlWriter.write(root);
  }
}
