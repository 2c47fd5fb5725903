package dev.shopset.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
      var events = new LinkedBlockingQueue<String>();
      try (var watch = client.resources(Tier.class).watch(recorder(events))) {
        client.resource(tier("tier-0")).create();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED tier-0");
      }
      assertThat(client.resources(Tier.class).withName("tier-0").get().getSpec().rank()).isZero();
    }
  }

  /**
   * What an informer does: list, then watch from the list's resource version. A deletion in between
   * must reach the watch, or the informer's cache keeps the object for good; an object re-created
   * under the same name arrives after its deletion; what the list returned is not sent again.
   */
  @Test
  void aWatchResumedFromAListGetsTheDeletionsMadeSince() throws Exception {
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client = api.client()) {
      var tiers = client.resources(Tier.class);
      tiers.resource(tier("gone")).create();
      tiers.resource(tier("back")).create();
      tiers.resource(tier("stays")).create();
      String listed = tiers.list().getMetadata().getResourceVersion();
      tiers.withName("gone").delete();
      tiers.withName("back").delete();
      tiers.resource(tier("back")).create();

      var events = new LinkedBlockingQueue<String>();
      try (var watch = tiers.withResourceVersion(listed).watch(recorder(events))) {
        List<String> seen = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> {
              events.drainTo(seen);
              assertThat(seen).contains("DELETED gone", "ADDED back");
            });
        assertThat(seen)
            .as("a resumed watch does not repeat what the list returned")
            .doesNotContain("ADDED stays");
        assertThat(seen.indexOf("DELETED back"))
            .as("the old 'back' deleted before the new one arrives: %s", seen)
            .isNotNegative()
            .isLessThan(seen.indexOf("ADDED back"));
      }

      // A watch that asks for no resource version is not sent old deletions.
      var fresh = new LinkedBlockingQueue<String>();
      try (var watch = tiers.watch(recorder(fresh))) {
        tiers.resource(tier("last")).create();
        List<String> seen = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> {
              fresh.drainTo(seen);
              assertThat(seen).contains("ADDED last");
            });
        assertThat(seen).noneMatch(event -> event.startsWith("DELETED"));
      }
    }
  }

  /** A watcher that records "ACTION name" of every event. */
  private static Watcher<Tier> recorder(BlockingQueue<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Tier tier) {
        events.add(action + " " + tier.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private static Tier tier(String name) {
    Tier tier = new Tier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tier.setSpec(
        new TierSpec(
            0,
            null,
            new RepositoryRef("http://127.0.0.1/git/app.git", null, null),
            new RepositoryRef("http://127.0.0.1/git/system.git", null, null),
            null));
    return tier;
  }
}
