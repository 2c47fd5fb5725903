package dev.shopset.watcher.kubernetes;

import static dev.shopset.contracts.testing.Fixtures.configuration;
import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static dev.shopset.contracts.testing.Fixtures.spec;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.testkit.TopicTail;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kafka.DesiredTopicReader;
import dev.shopset.watcher.kafka.EventPublisher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two watcher processes (each with its own client, informers, memory and producer) against the same
 * API server and the real broker: one after the other, the second one publishes only what changed
 * while no watcher ran; side by side, only the Lease holder publishes, and when it dies the other
 * takes over.
 */
class RestartedWatcherIT {

  private static final io.opentelemetry.api.trace.Tracer NO_TRACING =
      io.opentelemetry.api.trace.TracerProvider.noop().get("test");

  private static final String SYSTEM = "https://git.example/restart-system.git";

  private final FlakyApi api = new FlakyApi();
  private final String namespace = "restart-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Watcher> watchers = new ArrayList<>();
  private KubernetesMockServer server;
  private KubernetesClient admin;

  /** The parts of one watcher process, wired as CDI would. */
  private record Watcher(
      KubernetesClient client, EventPublisher publisher, WatcherLoop loop, Leadership leadership) {
    void stop() {
      loop.onStop(null);
      publisher.close();
      client.close();
    }

    /**
     * Dies as a killed process would: its connections go and nothing is released, so the Lease
     * stays with it until it expires.
     */
    void die() {
      client.close();
      publisher.close();
    }
  }

  private Watcher startWatcher() {
    return startWatcher(null);
  }

  /** A watcher competing for the Lease as {@code identity} (always leading when null). */
  private Watcher startWatcher(String identity) {
    KubernetesClient client = FlakyApi.client(server.getPort());
    // Only this test's namespace: other tests share the broker's shopset.desired.
    var config = TestWatcherConfig.of(List.of(namespace), identity);
    var metrics = new WatcherMetrics(new SimpleMeterRegistry());
    var queue = new WorkQueue();
    var informers = new Informers(client, config, queue, metrics);
    Map<String, Object> kafka =
        Map.of(
            "bootstrap.servers",
            EmbeddedKafkaBroker.shared().bootstrapServers(),
            "acks",
            "all",
            "enable.idempotence",
            "true");
    var publisher = new EventPublisher(kafka, config, metrics);
    var status = new StatusWriter(client, metrics);
    var leadership = new Leadership(client, config, metrics);
    var loop =
        new WatcherLoop(
            informers,
            queue,
            new DesiredStateService(
                informers, publisher, status, metrics, TestRepositories.INSTANCE, NO_TRACING),
            new PromotionService(informers, publisher, status, metrics, NO_TRACING),
            new RolloutService(client, informers, publisher, metrics, config, NO_TRACING),
            metrics,
            config,
            new DesiredTopicReader(kafka),
            leadership,
            new SourceStatusService(informers, status));
    loop.onStart(null);
    Watcher watcher = new Watcher(client, publisher, loop, leadership);
    watchers.add(watcher);
    return watcher;
  }

  @AfterEach
  void stop() {
    watchers.forEach(w -> {
      try {
        w.stop();
      } catch (RuntimeException e) {
        // a watcher that died has nothing left to stop
      }
    });
    admin.close();
    server.destroy();
  }

  @Test
  void aRestartedWatcherPublishesOnlyWhatChangedWhileItWasDown() {
    server = api.serve(0);
    admin = FlakyApi.client(server.getPort());
    admin.resource(tier(namespace + "-tier", SYSTEM, null)).create();
    admin.resource(configuration(namespace, "std")).create();
    admin.resource(shopSet(namespace, "same", namespace + "-tier", "std", "s")).create();
    admin.resource(shopSet(namespace, "edited", namespace + "-tier", "std", "t")).create();
    String elsewhere = "other-" + namespace;
    admin.resource(configuration(elsewhere, "std")).create();
    admin.resource(shopSet(elsewhere, "unwatched", namespace + "-tier", "std", "s")).create();

    try (TopicTail desired = new TopicTail(Topics.DESIRED)) {
      Watcher first = startWatcher();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(desired.inNamespace(namespace)).hasSize(2));
      Map<String, String> before = ids(desired.inNamespace(namespace));
      assertThat(desired.inNamespace(elsewhere))
          .as("watcher.namespaces limits what is watched")
          .isEmpty();

      first.stop();
      // While no watcher runs, one ShopSet changes.
      admin
          .resources(ShopSet.class)
          .inNamespace(namespace)
          .withName("edited")
          .edit(s -> {
            s.setSpec(spec(namespace + "-tier", "std", 4, "t", "u"));
            return s;
          });
      startWatcher();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(desired.inNamespace(namespace)).hasSize(3));
      // A marker created after the restart: once its record is there, the unchanged ShopSet's
      // reconcile (which came first) has published everything it was going to.
      admin.resource(shopSet(namespace, "marker", namespace + "-tier", "std", "m")).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(desired.read((namespace + "/marker")::equals)).hasSize(1));
      var again = desired.inNamespace(namespace).subList(2, 3);
      Map<String, String> after = ids(again);
      assertThat(desired.read((namespace + "/same")::equals))
          .as("unchanged: adopted from shopset.desired, not published again")
          .hasSize(1);
      assertThat(after.get(namespace + "/edited"))
          .as("changed while down: a new id")
          .isNotEqualTo(before.get(namespace + "/edited"));
      assertThat(
              again.stream()
                  .filter(e -> e.key().equals(namespace + "/edited"))
                  .map(e -> ((ShopSetDesired) e.event().data()).spec().shops()))
          .containsExactly(List.of("t", "u"));
    }
  }

  @Test
  void aShopSetDeletedWhileNoWatcherRanIsDeletedWhenTheNextOneStarts() {
    server = api.serve(0);
    admin = FlakyApi.client(server.getPort());
    admin.resource(tier(namespace + "-tier", SYSTEM, null)).create();
    admin.resource(configuration(namespace, "std")).create();
    admin.resource(shopSet(namespace, "kept", namespace + "-tier", "std", "s")).create();
    admin.resource(shopSet(namespace, "gone", namespace + "-tier", "std", "t")).create();

    try (TopicTail desired = new TopicTail(Topics.DESIRED)) {
      Watcher first = startWatcher();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(desired.inNamespace(namespace)).hasSize(2));
      first.stop();
      admin.resources(ShopSet.class).inNamespace(namespace).withName("gone").delete();

      startWatcher();

      String gone = namespace + "/gone";
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(desired.read(gone::equals)).hasSize(3));
      var records = desired.read(gone::equals);
      assertThat(records.get(1).event().data())
          .isEqualTo(new ShopSetDeleted(namespace, "gone", SYSTEM, namespace + "-tier"));
      assertThat(records.get(2).tombstone()).as("compaction drops it").isTrue();
      admin.resource(shopSet(namespace, "marker", namespace + "-tier", "std", "m")).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(desired.read((namespace + "/marker")::equals)).hasSize(1));
      assertThat(desired.read((namespace + "/kept")::equals))
          .as("kept and unchanged: adopted, not published again")
          .hasSize(1);
    }
  }

  @Test
  void onlyTheLeaseHolderPublishesAndTheStandbyTakesOverWhenItDies() {
    server = api.serve(0);
    admin = FlakyApi.client(server.getPort());
    admin.resource(tier(namespace + "-tier", SYSTEM, null)).create();
    admin.resource(configuration(namespace, "std")).create();
    admin.resource(shopSet(namespace, "first", namespace + "-tier", "std", "s")).create();

    try (TopicTail desired = new TopicTail(Topics.DESIRED)) {
      Watcher a = startWatcher("watcher-a");
      await().atMost(Duration.ofSeconds(30)).until(() -> a.leadership().leading());
      Watcher b = startWatcher("watcher-b");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "watcher-a".equals(b.leadership().leader()) && b.loop().ready());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(desired.inNamespace(namespace)).hasSize(1));
      admin.resource(shopSet(namespace, "second", namespace + "-tier", "std", "s")).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(desired.inNamespace(namespace)).hasSize(2));
      assertThat(b.leadership().leading()).as("one leader at a time").isFalse();

      a.die();
      long died = System.nanoTime();
      await().atMost(Duration.ofSeconds(15)).until(() -> b.leadership().leading());
      admin.resource(shopSet(namespace, "third", namespace + "-tier", "std", "s")).create();
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(desired.read((namespace + "/third")::equals)).hasSize(1));
      long takeover = (System.nanoTime() - died) / 1_000_000;
      System.out.printf("Watcher takeover after the leader died: %d ms%n", takeover);
      assertThat(takeover).as("takeover within 15 s of the leader's death").isLessThan(15_000);
      assertThat(desired.read((namespace + "/first")::equals))
          .as("the new leader adopts what the old one published: no repeat")
          .hasSize(1);
    }
  }

  private static Map<String, String> ids(List<TopicTail.Seen> entries) {
    return entries.stream().collect(Collectors.toMap(TopicTail.Seen::key, e -> e.event().id()));
  }
}
