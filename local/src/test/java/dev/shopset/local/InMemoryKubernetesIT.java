package dev.shopset.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A separate client, as another process would use, can store and watch ShopSet resources. */
class InMemoryKubernetesIT {

  @Test
  void storesAndWatchesCustomResourcesOverHttp() throws Exception {
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client =
            new KubernetesClientBuilder()
                .withConfig(
                    new io.fabric8.kubernetes.client.ConfigBuilder()
                        .withMasterUrl(api.url())
                        .withTrustCerts(true)
                        .build())
                .build()) {
      CompletableFuture<String> added = new CompletableFuture<>();
      try (var watch =
          client
              .resources(Tier.class)
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Tier tier) {
                      added.complete(action + " " + tier.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  })) {
        Tier tier = new Tier();
        tier.setMetadata(new ObjectMetaBuilder().withName("tier-0").build());
        tier.setSpec(
            new TierSpec(
                0,
                null,
                new RepositoryRef("http://127.0.0.1/git/app.git", null, null),
                new RepositoryRef("http://127.0.0.1/git/system.git", null, null),
                null));
        client.resource(tier).create();
        assertThat(added.get(10, TimeUnit.SECONDS)).isEqualTo("ADDED tier-0");
      }
      assertThat(client.resources(Tier.class).withName("tier-0").get().getSpec().rank()).isZero();
    }
  }
}
