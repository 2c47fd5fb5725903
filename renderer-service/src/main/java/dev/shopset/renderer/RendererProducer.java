package dev.shopset.renderer;

import dev.shopset.renderer.domain.RenderSettings;
import dev.shopset.renderer.domain.ShopSetRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the plain domain renderer a bean, configured from {@link RendererConfig}. */
@ApplicationScoped
public class RendererProducer {

  @Produces
  @ApplicationScoped
  ShopSetRenderer renderer(RendererConfig config) {
    return new ShopSetRenderer(new RenderSettings(config.argoNamespace(), config.argoProject()));
  }
}
