package dev.shopset.watcher.kubernetes;

import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.watcher.WatcherMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher's informers against an API server that misbehaves the way real ones do: lists that
 * fail at start-up (readiness stays down), a server that goes away and comes back, and watches that
 * have expired (HTTP 410, "too old resource version") so only a re-list can show what changed
 * meanwhile. The API keeps its objects across the restart (the same CRUD store), as etcd does.
 */
class InformersResilienceIT {

  private static final io.opentelemetry.api.trace.Tracer NO_TRACING =
      io.opentelemetry.api.trace.TracerProvider.noop().get("test");

  private final FlakyApi api = new FlakyApi();
  private final WorkQueue queue = new WorkQueue();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private KubernetesClient admin;
  private Informers informers;
  private WatcherLoop loop;

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.onStop(null);
    } else if (informers != null) {
      informers.stop();
    }
    if (client != null) {
      client.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.destroy();
    }
  }

  private void start() {
    server = api.serve(0);
    client = FlakyApi.client(server.getPort());
    admin = FlakyApi.client(server.getPort());
    informers =
        new Informers(
            client,
            TestWatcherConfig.INSTANCE,
            queue,
            new WatcherMetrics(new SimpleMeterRegistry()));
  }

  /** Keys the informer handlers have queued so far. */
  private Set<String> queued() throws InterruptedException {
    WorkQueue.Item item;
    while ((item = queue.poll(0)) != null) {
      queued.add(item.key());
    }
    return queued;
  }

  @Test
  void notReadyUntilEveryInformerHasListed() {
    api.failTierLists.set(true);
    start();
    loop =
        new WatcherLoop(
            informers,
            queue,
            new DesiredStateService(
                informers, null, null, null, TestRepositories.INSTANCE, NO_TRACING),
            null,
            null,
            null,
            TestWatcherConfig.INSTANCE,
            Map::of,
            new Leadership(
                client,
                TestWatcherConfig.INSTANCE,
                new WatcherMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())),
            new SourceStatusService(informers, null));
    var readiness = new InformersReadiness(loop, informers);

    loop.onStart(null);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> informers.shopSets().synced() && api.failedTierLists.get() >= 2);
    assertThat(informers.synced()).as("the Tier list keeps failing").isFalse();
    assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

    api.failTierLists.set(false);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP));
    assertThat(informers.synced()).isTrue();
    assertThat(informers.watching()).as("ready means every watch is open").isTrue();
  }

  @Test
  void anApiServerThatComesBackWithExpiredWatchesIsReListed() throws Exception {
    start();
    informers.start();
    await().atMost(Duration.ofSeconds(20)).until(informers::synced);
    admin.resource(shopSet("ns", "before", "gold", "std", "s")).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> queued().contains("ns/before"));
    int listsBefore = api.shopSetLists.get();

    // The API server goes away; when it is back, it refuses watches for a while.
    api.refuseShopSetWatches.set(true);
    int port = server.getPort();
    server.destroy();
    server = api.serve(port);
    await().atMost(Duration.ofSeconds(20)).until(() -> api.refusedShopSetWatches.get() >= 1);

    // Meanwhile a ShopSet is created: no watch is open to tell the informer.
    admin.resource(shopSet("ns", "missed", "gold", "std", "s")).create();
    assertThat(queued()).doesNotContain("ns/missed");

    // Its watches have expired: the next one is answered 410 Gone, as after etcd compaction.
    api.goneShopSetWatches.set(1);
    api.refuseShopSetWatches.set(false);

    await().atMost(Duration.ofSeconds(30)).until(() -> queued().contains("ns/missed"));
    assertThat(api.goneShopSetWatches.get()).as("the 410 was served").isZero();
    assertThat(api.shopSetLists.get()).as("the informer re-listed").isGreaterThan(listsBefore);
    assertThat(informers.shopSets().get("ns/missed")).isNotNull();

    // And it watches again: a later change arrives without another list.
    int listsAfter = api.shopSetLists.get();
    admin.resource(shopSet("ns", "after", "gold", "std", "s")).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> queued().contains("ns/after"));
    assertThat(api.shopSetLists.get()).isEqualTo(listsAfter);
  }
}
