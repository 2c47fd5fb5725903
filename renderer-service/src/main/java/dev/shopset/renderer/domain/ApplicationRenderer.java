package dev.shopset.renderer.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.resources.Labels;
import java.util.List;
import java.util.Map;

/**
 * Writes the Argo CD {@code Application} of one ShopSet: its directory on the tier branch of the
 * system repository, in its Tier's AppProject, synced automatically (prune, self-heal) unless the
 * ShopSet is suspended; or, after a tier move, the parked Application left on the old branch.
 */
final class ApplicationRenderer {

  /** Argo CD's address of the cluster it runs in, used when no failure-domain cluster is set. */
  static final String IN_CLUSTER = "https://kubernetes.default.svc";

  /** Argo CD deletes an Application's objects before the Application while this is set. */
  static final String CASCADE_FINALIZER = "resources-finalizer.argocd.argoproj.io";

  /** Label with the ShopSet's namespace (Application names may be hashed, labels never are). */
  static final String NAMESPACE_LABEL = "shopset.dev/namespace";

  /** Annotation of a parked Application: the Tier its ShopSet moved to. */
  static final String MOVED_TO = "shopset.dev/moved-to";

  static final String SUSPENDED = "shopset.dev/suspended";

  private ApplicationRenderer() {}

  static String render(RenderInput in, RenderSettings settings) {
    Map<String, Object> destination =
        in.cluster() == null
            ? Maps.of("server", IN_CLUSTER, "namespace", in.namespace())
            : Maps.of("name", in.cluster(), "namespace", in.namespace());
    Map<String, Object> root =
        application(
            Maps.of(
                "name", Identities.applicationName(in.namespace(), in.name(), in.tier()),
                "namespace", settings.argoNamespace(),
                "labels", labels(in.namespace(), in.name(), in.tier()),
                "annotations", in.suspend() ? Maps.of(SUSPENDED, "true") : null,
                // Removing the file deletes the Application and, through this, its objects.
                "finalizers", List.of(CASCADE_FINALIZER)),
            Maps.of(
                "project",
                Identities.projectName(in.tier()),
                "source",
                source(in.systemUrl(), in.branch(), in.namespace(), in.name()),
                "destination",
                destination,
                // No CreateNamespace: the project allows no cluster-scoped objects (DESIGN.md).
                "syncPolicy",
                in.suspend()
                    ? null
                    : Maps.of("automated", Maps.of("prune", true, "selfHeal", true))));
    return "# Rendered by ShopSet for "
        + in.namespace()
        + "/"
        + in.name()
        + ". Do not edit: the renderer rewrites this file.\n"
        + YamlWriter.write(root);
  }

  /**
   * The Application a ShopSet leaves on tier {@code fromTier}'s branch when it moves to {@code
   * toTier}: the same name, so the old root Application updates it in place, but without the
   * cascading finalizer and without automated sync, so neither pruning it nor anything it compares
   * can delete the workloads the new Tier's Application adopts.
   */
  static String parked(Parking p, RenderSettings settings) {
    Map<String, Object> root =
        application(
            Maps.of(
                "name", Identities.applicationName(p.namespace(), p.name(), p.fromTier()),
                "namespace", settings.argoNamespace(),
                "labels", labels(p.namespace(), p.name(), p.fromTier()),
                "annotations", Maps.of(MOVED_TO, p.toTier())),
            Maps.of(
                "project",
                Identities.projectName(p.fromTier()),
                "source",
                source(p.systemUrl(), p.branch(), p.namespace(), p.name()),
                // The move does not say which cluster; a parked Application never syncs anyway.
                "destination",
                Maps.of("server", IN_CLUSTER, "namespace", p.namespace())));
    return "# Parked by ShopSet: "
        + p.namespace()
        + "/"
        + p.name()
        + " moved from Tier "
        + p.fromTier()
        + " to "
        + p.toTier()
        + ".\n# No finalizer and no automated sync: removing it never deletes the workloads the new"
        + " Tier's\n# Application manages. Do not edit: the renderer rewrites this file.\n"
        + YamlWriter.write(root);
  }

  /** A checked tier move: what the parked Application needs. */
  record Parking(
      String namespace,
      String name,
      String fromTier,
      String toTier,
      String systemUrl,
      String branch) {}

  private static Map<String, Object> application(
      Map<String, Object> metadata, Map<String, Object> spec) {
    return Maps.of(
        "apiVersion",
        "argoproj.io/v1alpha1",
        "kind",
        "Application",
        "metadata",
        metadata,
        "spec",
        spec);
  }

  private static Map<String, Object> labels(String namespace, String name, String tier) {
    return Maps.of(
        Labels.MANAGED_BY,
        Labels.MANAGED_BY_VALUE,
        NAMESPACE_LABEL,
        namespace,
        Labels.SHOPSET,
        name,
        Labels.TIER,
        tier);
  }

  private static Map<String, Object> source(
      String repository, String branch, String namespace, String name) {
    return Maps.of(
        "repoURL", repository,
        "targetRevision", branch,
        "path", RenderEvent.directoryOf(namespace, name));
  }
}
