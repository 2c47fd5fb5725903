package dev.shopset.renderer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the renderer-service ({@code shopset.renderer.*}). */
@ConfigMapping(prefix = "shopset.renderer")
public interface RendererConfig {

  /** Namespace Argo CD watches for Applications and AppProjects. */
  @WithDefault("argocd")
  String argoNamespace();

  /** CloudEvents {@code source} of the events this service publishes. */
  @WithDefault("/shopset/renderer")
  String source();

  /**
   * Largest render record (key, value and headers) the renderer sends; a larger render is refused
   * with {@code RenderTooLarge}. Below Kafka's default {@code max.message.bytes} (1 MiB).
   */
  @WithDefault("921600")
  int maxRecordBytes();
}
