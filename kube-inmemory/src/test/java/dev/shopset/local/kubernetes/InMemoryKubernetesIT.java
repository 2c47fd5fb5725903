package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory API through the fabric8 client, as the services and the tests use it: storing,
 * watching, resuming watches, the status subresource, optimistic locking and refusals.
 */
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

  @Test
  void anOutageAnswers503KeepsTheObjectsAndAWatchResumesAfterIt() throws Exception {
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client = api.client()) {
      client.resource(tier("kept")).create();
      var events = new LinkedBlockingQueue<String>();
      try (var watch = client.resources(Tier.class).watch(recorder(events))) {
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED kept");
        api.setAvailable(false);
        assertThatThrownBy(() -> client.resources(Tier.class).withName("kept").get())
            .isInstanceOfSatisfying(
                io.fabric8.kubernetes.client.KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(503));

        api.setAvailable(true);
        assertThat(client.resources(Tier.class).withName("kept").get()).isNotNull();
        client.resource(tier("after")).create();
        String next = events.poll(30, TimeUnit.SECONDS);
        while (next != null && !next.equals("ADDED after")) {
          next = events.poll(30, TimeUnit.SECONDS);
        }
        assertThat(next)
            .as("the watch the outage ended was opened again and resumed")
            .isEqualTo("ADDED after");
      }
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

  @Test
  void aKindThatIsNotServedIsRefusedWithNotFound() {
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client = api.client()) {
      var widgets =
          client.genericKubernetesResources(
              new ResourceDefinitionContext.Builder()
                  .withGroup("example.com")
                  .withVersion("v1")
                  .withKind("Widget")
                  .withPlural("widgets")
                  .withNamespaced(true)
                  .build());
      var widget = new GenericKubernetesResource();
      widget.setApiVersion("example.com/v1");
      widget.setKind("Widget");
      widget.setMetadata(new ObjectMetaBuilder().withName("w").withNamespace("default").build());
      assertThatThrownBy(() -> widgets.inNamespace("default").resource(widget).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }
  }

  /**
   * The status subresource as on a cluster: a created ShopSet has no status, status writes change
   * nothing else, spec changes move the generation and status writes do not.
   */
  @Test
  void statusIsItsOwnSubresourceAndTheGenerationCountsSpecChanges() {
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client = api.client()) {
      ShopSet shopSet = new ShopSet();
      shopSet.setMetadata(new ObjectMetaBuilder().withNamespace("shops").withName("eu").build());
      shopSet.setSpec(
          new ShopSetSpec(
              "dev", "standard", List.of("berlin"), 2, null, null, null, null, null, null));
      shopSet.setStatus(new ShopSetStatus(9L, List.of(), null));
      ShopSet created = client.resource(shopSet).create();
      assertThat(created.getStatus()).isNull();
      assertThat(created.getMetadata().getGeneration()).isEqualTo(1);
      assertThat(created.getMetadata().getUid()).isNotBlank();

      var resource = client.resources(ShopSet.class).inNamespace("shops").withName("eu");
      ShopSet withStatus =
          resource.editStatus(s -> {
            s.setStatus(new ShopSetStatus(1L, List.of(), null));
            s.getSpec().shops().set(0, "ignored");
            return s;
          });
      assertThat(withStatus.getStatus().observedGeneration()).isEqualTo(1);
      assertThat(withStatus.getSpec().shops()).containsExactly("berlin");
      assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1);

      ShopSet labelled =
          resource.edit(s -> {
            s.getMetadata().setLabels(Map.of("team", "eu"));
            return s;
          });
      assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1);
      ShopSet scaled =
          resource.edit(s -> {
            s.setSpec(
                new ShopSetSpec(
                    "dev", "standard", List.of("berlin"), 3, null, null, null, null, null, null));
            s.setStatus(null);
            return s;
          });
      assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2);
      assertThat(scaled.getStatus().observedGeneration()).as("kept by a spec write").isEqualTo(1);

      // An update from a stale read conflicts, as optimistic locking on a cluster does.
      assertThatThrownBy(() -> client.resource(labelled).update())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }
  }

  @Test
  void namespacesAreLabelledWithTheirNameAndTakeTheirObjectsWhenDeleted() {
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client = api.client()) {
      client
          .resource(new NamespaceBuilder().withNewMetadata().withName("gone").endMetadata().build())
          .create();
      assertThat(client.namespaces().withName("gone").get().getMetadata().getLabels())
          .containsEntry("kubernetes.io/metadata.name", "gone");
      client
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withNamespace("gone")
                  .withName("settings")
                  .endMetadata()
                  .build())
          .create();
      client.namespaces().withName("gone").delete();
      assertThat(client.configMaps().inNamespace("gone").list().getItems()).isEmpty();
    }
  }

  /**
   * The Tier CRD's schema refuses a script URL, as a cluster would; an API started without schema
   * validation stores it, for tests of what the services do with such input.
   */
  @Test
  void theCrdSchemaIsEnforcedUnlessTurnedOffForHostileInputTests() {
    Tier hostile = tier("hostile");
    hostile.setSpec(
        new TierSpec(
            0,
            null,
            new RepositoryRef("javascript:alert(1)", null),
            new RepositoryRef("http://127.0.0.1/git/system.git", null),
            null,
            null,
            null,
            null));
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        var client = api.client()) {
      assertThatThrownBy(() -> client.resource(hostile).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getMessage()).contains("spec.appRepository.url");
              });
    }
    try (InMemoryKubernetes api = InMemoryKubernetes.startWithoutSchemaValidation(0);
        var client = api.client()) {
      client.resource(hostile).create();
      assertThat(
              client
                  .resources(Tier.class)
                  .withName("hostile")
                  .get()
                  .getSpec()
                  .appRepository()
                  .url())
          .isEqualTo("javascript:alert(1)");
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
            new RepositoryRef("http://127.0.0.1/git/app.git", null),
            new RepositoryRef("http://127.0.0.1/git/system.git", null),
            null,
            null,
            null,
            null));
    return tier;
  }
}
