package dev.shopset.watcher.it;

import static dev.shopset.contracts.testing.Fixtures.configuration;
import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static dev.shopset.contracts.testing.Fixtures.spec;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.WatcherLoop;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ShopSets in the (mock) API server become desired-state events on the real broker. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ShopSetApi.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DesiredStateIT {

  private static final String SYSTEM = "https://git.example/system.git";

  @Inject KubernetesClient client;
  @Inject WatcherLoop loop;
  @Inject WatcherMetrics metrics;
  private TopicTail desired;

  @BeforeEach
  void setUp() {
    await().atMost(Duration.ofSeconds(30)).until(loop::ready);
    desired = new TopicTail(Topics.DESIRED);
  }

  @AfterEach
  void tearDown() {
    desired.close();
  }

  private List<ShopSetDesired> desiredOf(String key) {
    return desired.read(key::equals).stream()
        .filter(e -> !e.tombstone() && e.event().data() instanceof ShopSetDesired)
        .map(e -> (ShopSetDesired) e.event().data())
        .toList();
  }

  private Condition valid(String namespace, String name) {
    ShopSet s = client.resources(ShopSet.class).inNamespace(namespace).withName(name).get();
    if (s == null || s.getStatus() == null || s.getStatus().conditions() == null) {
      return null;
    }
    return s.getStatus().conditions().stream()
        .filter(c -> c.type().equals(Conditions.VALID))
        .findFirst()
        .orElse(null);
  }

  @Test
  void createUpdateAndDeleteAShopSet() {
    client.resource(tier("crud-tier", SYSTEM, null)).create();
    client.resource(configuration("crud", "std")).create();
    client.resource(shopSet("crud", "eu-1", "crud-tier", "std", "s1", "s2")).create();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desiredOf("crud/eu-1")).hasSize(1));
    var created = desired.read("crud/eu-1"::equals).get(0).event();
    assertThat(created.source()).isEqualTo("/shopset/watcher");
    assertThat(created.subject()).isEqualTo("crud/eu-1");
    var first = (ShopSetDesired) created.data();
    assertThat(first.spec().shops()).containsExactly("s1", "s2");
    assertThat(first.tier().branch()).isEqualTo("crud-tier");
    assertThat(first.tier().systemRepository().url()).isEqualTo(SYSTEM);
    assertThat(first.annotations()).containsOnlyKeys("shopset.dev/slack-channel");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> {
          assertThat(valid("crud", "eu-1")).isNotNull();
          assertThat(valid("crud", "eu-1").status()).isEqualTo(Condition.TRUE);
        });

    client
        .resources(ShopSet.class)
        .inNamespace("crud")
        .withName("eu-1")
        .edit(s -> {
          s.setSpec(spec("crud-tier", "std", 5, "s1", "s2", "s3"));
          return s;
        });

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desiredOf("crud/eu-1")).hasSize(2));
    var second = desiredOf("crud/eu-1").get(1);
    assertThat(second.spec().replicas()).isEqualTo(5);
    assertThat(second.spec().shops()).containsExactly("s1", "s2", "s3");
    assertThat(second.generation()).isGreaterThan(first.generation());

    client.resources(ShopSet.class).inNamespace("crud").withName("eu-1").delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desired.read("crud/eu-1"::equals)).hasSize(4));
    var all = desired.read("crud/eu-1"::equals);
    assertThat(all.get(2).event().data())
        .isEqualTo(new ShopSetDeleted("crud", "eu-1", SYSTEM, "crud-tier"));
    assertThat(all.get(3).tombstone()).as("a tombstone follows the deletion").isTrue();
  }

  @Test
  void aTierChangeReEmitsExactlyTheShopSetsThatReferenceIt() {
    client.resource(tier("fan-tier", SYSTEM, null)).create();
    client.resource(tier("fan-other", SYSTEM, null)).create();
    client.resource(configuration("fan", "std")).create();
    IntStream.range(0, 50)
        .forEach(i -> client.resource(shopSet("fan", "on-" + i, "fan-tier", "std", "s")).create());
    IntStream.range(0, 5)
        .forEach(
            i -> client.resource(shopSet("fan", "off-" + i, "fan-other", "std", "s")).create());
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(desired.inNamespace("fan")).hasSize(55));

    client
        .resources(Tier.class)
        .withName("fan-tier")
        .edit(t -> {
          var s = t.getSpec();
          t.setSpec(
              new TierSpec(
                  7,
                  s.branch(),
                  s.appRepository(),
                  s.systemRepository(),
                  s.promotesTo(),
                  s.namespaceSelector(),
                  s.clusters(),
                  s.frozen()));
          return t;
        });

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(desired.inNamespace("fan")).hasSize(105));
    // Barrier: two resyncs of fan's 55 ShopSets (every second in tests) have been reconciled, and
    // everything they could have published has been read; nothing more has come.
    double reconciles = metrics.reconciles();
    await().atMost(Duration.ofSeconds(30)).until(() -> metrics.reconciles() >= reconciles + 110);
    desired.awaitCaughtUp(Duration.ofSeconds(30));
    assertThat(desired.inNamespace("fan")).hasSize(105);
    var reEmitted = desired.inNamespace("fan").subList(55, 105);
    Set<String> keys = reEmitted.stream().map(TopicTail.Seen::key).collect(Collectors.toSet());
    assertThat(keys)
        .hasSize(50)
        .allMatch(k -> k.startsWith("fan/on-"), "only ShopSets on fan-tier");
    assertThat(reEmitted)
        .allSatisfy(
            e -> assertThat(((ShopSetDesired) e.event().data()).tier().rank()).isEqualTo(7));
  }

  @Test
  void aMissingTierIsReportedThenTheShopSetIsEmittedWhenTheTierAppears() {
    client.resource(configuration("late", "std")).create();
    client.resource(shopSet("late", "eu-1", "late-tier", "std", "s")).create();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> {
          Condition valid = valid("late", "eu-1");
          assertThat(valid).isNotNull();
          assertThat(valid.status()).isEqualTo(Condition.FALSE);
          assertThat(valid.reason()).isEqualTo(Conditions.TIER_NOT_FOUND);
          assertThat(valid.message()).contains("Tier 'late-tier' does not exist");
        });
    assertThat(desired.inNamespace("late")).as("an invalid ShopSet is not emitted").isEmpty();

    client.resource(tier("late-tier", SYSTEM, null)).create();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desiredOf("late/eu-1")).hasSize(1));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(valid("late", "eu-1").status()).isEqualTo(Condition.TRUE));
  }

  @Test
  void resyncsAndChangesThatDoNotChangeTheDesiredStateEmitNothing() {
    client.resource(tier("calm-tier", SYSTEM, null)).create();
    client.resource(configuration("calm", "std")).create();
    client.resource(shopSet("calm", "eu-1", "calm-tier", "std", "s")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desiredOf("calm/eu-1")).hasSize(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> valid("calm", "eu-1") != null);
    // The Tier and Configuration count their ShopSets once: let those writes happen first.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          var tier = client.resources(Tier.class).withName("calm-tier").get();
          var std = client.resources(Configuration.class).inNamespace("calm").withName("std").get();
          return tier.getStatus() != null
              && Integer.valueOf(1).equals(tier.getStatus().shopSets())
              && std.getStatus() != null
              && Integer.valueOf(1).equals(std.getStatus().shopSetCount());
        });
    // Every change the API server makes to this ShopSet from here on, as a watch sees it.
    var changes = new java.util.concurrent.CopyOnWriteArrayList<String>();
    try (var watch =
        client
            .resources(ShopSet.class)
            .inNamespace("calm")
            .withName("eu-1")
            .watch(
                new io.fabric8.kubernetes.client.Watcher<ShopSet>() {
                  @Override
                  public void eventReceived(Action action, ShopSet resource) {
                    if (action == Action.MODIFIED) {
                      changes.add(String.valueOf(resource.getMetadata().getLabels()));
                    }
                  }

                  @Override
                  public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                })) {
      client
          .resources(ShopSet.class)
          .inNamespace("calm")
          .withName("eu-1")
          .edit(s -> {
            s.getMetadata().setLabels(Map.of("team", "checkout"));
            return s;
          });
      double reconciles = metrics.reconciles();

      // Resyncs run every second in tests: wait for several, then nothing may have been emitted.
      await().atMost(Duration.ofSeconds(20)).until(() -> metrics.reconciles() > reconciles + 10);
      assertThat(desired.inNamespace("calm")).hasSize(1);
      assertThat(changes)
          .as("only the label edit changed the object, no status write")
          .containsExactly("{team=checkout}");
    }
  }

  @Test
  void metricsCountEventsByTypeAndTimeChangeToEvent() {
    client.resource(tier("metrics-tier", SYSTEM, null)).create();
    client.resource(configuration("metrics", "std")).create();
    client.resource(shopSet("metrics", "a", "metrics-tier", "std", "s")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desiredOf("metrics/a")).hasSize(1));

    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics)
        .containsPattern(
            "shopset_watcher_events_emitted_total\\{[^}]*type=\"dev.shopset.shopset-desired.v1\"[^}]*} [1-9]")
        .containsPattern(
            "shopset_watcher_change_to_event_seconds_count\\{[^}]*kind=\"shopset\"[^}]*} [1-9]")
        .containsPattern(
            "shopset_watcher_informer_store_size\\{[^}]*resource=\"shopsets\"[^}]*} [1-9]");
  }

  @Test
  void aRestartedWatcherReEmitsTheSameIdsForUnchangedState() {
    client.resource(tier("again-tier", SYSTEM, null)).create();
    client.resource(configuration("again", "std")).create();
    client.resource(shopSet("again", "a", "again-tier", "std", "s")).create();
    client.resource(shopSet("again", "b", "again-tier", "std", "t")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desired.inNamespace("again")).hasSize(2));
    var before =
        desired.inNamespace("again").stream()
            .collect(Collectors.toMap(TopicTail.Seen::key, e -> e.event().id()));

    loop.restart();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(desired.inNamespace("again")).hasSize(4));
    var after =
        desired.inNamespace("again").subList(2, 4).stream()
            .collect(Collectors.toMap(TopicTail.Seen::key, e -> e.event().id()));
    assertThat(after).isEqualTo(before);
  }
}
