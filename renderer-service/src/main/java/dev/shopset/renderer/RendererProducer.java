package dev.shopset.renderer;

import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.renderer.config.RendererConfig;
import dev.shopset.renderer.config.RepositoriesConfig;
import dev.shopset.renderer.domain.RenderSettings;
import dev.shopset.renderer.domain.ShopSetRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Makes the plain domain renderer and the repository policy beans, configured from settings. */
@ApplicationScoped
public class RendererProducer {

  @Produces
  @ApplicationScoped
  ShopSetRenderer renderer(RendererConfig config) {
    return new ShopSetRenderer(new RenderSettings(config.argoNamespace()));
  }

  @Produces
  @ApplicationScoped
  RepositoryPolicy repositoryPolicy(RepositoriesConfig config) {
    return RepositoryPolicy.allowing(config.prefixes().orElse(List.of()));
  }
}
