package dev.shopset.renderer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the renderer-service ({@code shopset.renderer.*}). */
@ConfigMapping(prefix = "shopset.renderer")
public interface RendererConfig {

  /** Namespace Argo CD watches for Applications. */
  @WithDefault("argocd")
  String argoNamespace();

  /** Argo CD project of every ShopSet Application. */
  @WithDefault("default")
  String argoProject();

  /** CloudEvents {@code source} of the events this service publishes. */
  @WithDefault("/shopset/renderer")
  String source();
}
