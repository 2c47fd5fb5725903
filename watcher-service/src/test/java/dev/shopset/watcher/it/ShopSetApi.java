package dev.shopset.watcher.it;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Teaches the CRUD mock API server the ShopSet resources, with the status subresource the CRDs
 * declare (status writes go through /status, spec writes leave status alone).
 */
public class ShopSetApi implements Consumer<KubernetesServer> {

  @Override
  public void accept(KubernetesServer server) {
    for (Class<? extends CustomResource<?, ?>> type :
        List.<Class<? extends CustomResource<?, ?>>>of(
            ShopSet.class,
            Tier.class,
            Configuration.class,
            Promotion.class,
            dev.shopset.contracts.resources.PromotionApproval.class)) {
      var context = CustomResourceDefinitionContext.fromCustomResourceType(type);
      server
          .getKubernetesMockServer()
          .expectCustomResource(
              new CustomResourceDefinitionContext.Builder()
                  .withGroup(context.getGroup())
                  .withVersion(context.getVersion())
                  .withKind(context.getKind())
                  .withPlural(context.getPlural())
                  .withScope(context.getScope())
                  .withStatusSubresource(true)
                  .build());
    }
  }
}
