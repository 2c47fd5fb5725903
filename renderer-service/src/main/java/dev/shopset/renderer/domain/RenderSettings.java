package dev.shopset.renderer.domain;

/**
 * Installation-wide choices the rendered Argo CD objects depend on.
 *
 * @param argoNamespace the namespace Argo CD watches for Applications and AppProjects
 */
public record RenderSettings(String argoNamespace) {

  public RenderSettings {
    Checks.label(argoNamespace, "settings.argoNamespace");
  }

  /** Argo CD's usual install: namespace {@code argocd}. */
  public static RenderSettings defaults() {
    return new RenderSettings("argocd");
  }
}
