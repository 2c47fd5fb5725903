package dev.shopset.renderer.domain;

/**
 * Installation-wide choices the rendered Argo CD Applications depend on.
 *
 * @param argoNamespace the namespace Argo CD watches for Applications
 * @param argoProject the Argo CD project every ShopSet Application belongs to
 */
public record RenderSettings(String argoNamespace, String argoProject) {

  public RenderSettings {
    Checks.label(argoNamespace, "settings.argoNamespace");
    Checks.label(argoProject, "settings.argoProject");
  }

  /** Argo CD's usual install: namespace {@code argocd}, project {@code default}. */
  public static RenderSettings defaults() {
    return new RenderSettings("argocd", "default");
  }
}
