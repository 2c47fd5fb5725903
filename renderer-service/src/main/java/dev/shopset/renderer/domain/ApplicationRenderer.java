package dev.shopset.renderer.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.resources.Labels;
import java.util.List;
import java.util.Map;

/**
 * Writes the Argo CD {@code Application} of one ShopSet: the ShopSet's directory on the tier branch
 * of the system repository, synced automatically (prune, self-heal) unless the ShopSet is
 * suspended.
 */
final class ApplicationRenderer {

  /** Argo CD's address of the cluster it runs in, used when no failure-domain cluster is set. */
  static final String IN_CLUSTER = "https://kubernetes.default.svc";

  private ApplicationRenderer() {}

  static String render(RenderInput in, RenderSettings settings) {
    Map<String, Object> destination =
        in.cluster() == null
            ? Maps.of("server", IN_CLUSTER, "namespace", in.namespace())
            : Maps.of("name", in.cluster(), "namespace", in.namespace());
    Map<String, Object> syncPolicy =
        Maps.of(
            "automated",
            in.suspend() ? null : Maps.of("prune", true, "selfHeal", true),
            "syncOptions",
            List.of("CreateNamespace=true"));
    Map<String, Object> root =
        Maps.of(
            "apiVersion",
            "argoproj.io/v1alpha1",
            "kind",
            "Application",
            "metadata",
            Maps.of(
                "name", in.namespace() + "-" + in.name(),
                "namespace", settings.argoNamespace(),
                "labels",
                    Maps.of(
                        Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE,
                        Labels.SHOPSET, in.name(),
                        Labels.TIER, in.tier()),
                "annotations", in.suspend() ? Maps.of("shopset.dev/suspended", "true") : null,
                // Removing the file deletes the Application and, through this, its objects.
                "finalizers", List.of("resources-finalizer.argocd.argoproj.io")),
            "spec",
            Maps.of(
                "project",
                settings.argoProject(),
                "source",
                Maps.of(
                    "repoURL", in.systemUrl(),
                    "targetRevision", in.branch(),
                    "path", RenderEvent.directoryOf(in.namespace(), in.name())),
                "destination",
                destination,
                "syncPolicy",
                syncPolicy));
    return "# Rendered by ShopSet for "
        + in.namespace()
        + "/"
        + in.name()
        + ". Do not edit: the renderer rewrites this file.\n"
        + YamlWriter.write(root);
  }
}
