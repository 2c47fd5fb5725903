package dev.shopset.watcher.it;

import static dev.shopset.contracts.testing.Fixtures.configuration;
import static dev.shopset.contracts.testing.Fixtures.promotion;
import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationStatus;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.PromotionPlanner;
import dev.shopset.watcher.kubernetes.WatcherLoop;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commits and promotion results from the broker become status in the (mock) API server. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ShopSetApi.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StatusIT {

  private static final String SYSTEM = "https://git.example/status-system.git";
  private static final String PUSHER = "/shopset/git-pusher";

  @Inject KubernetesClient client;
  @Inject WatcherLoop loop;
  @Inject WatcherMetrics metrics;

  @BeforeEach
  void ready() {
    await().atMost(Duration.ofSeconds(30)).until(loop::ready);
  }

  private ShopSet get(String namespace, String name) {
    return client.resources(ShopSet.class).inNamespace(namespace).withName(name).get();
  }

  private static Condition condition(ShopSet s, String type) {
    if (s.getStatus() == null || s.getStatus().conditions() == null) {
      return null;
    }
    return s.getStatus().conditions().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElse(null);
  }

  private void validShopSets(String namespace, String... names) {
    client.resource(tier(namespace + "-tier", SYSTEM, null)).create();
    client.resource(configuration(namespace, "std")).create();
    for (String name : names) {
      client.resource(shopSet(namespace, name, namespace + "-tier", "std", "s")).create();
    }
    for (String name : names) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> condition(get(namespace, name), Conditions.VALID) != null);
    }
  }

  @Test
  void aCommitSetsTheStatusAndAnIdenticalSecondOneWritesNothing() {
    validShopSets("commits", "a", "b");
    var pushed =
        new CommitPushed(
            SYSTEM,
            "commits-tier",
            "0123456789abcdef0123456789abcdef01234567",
            List.of(new ShopSetRef("commits", "a", 1)),
            2,
            "Render commits/a",
            Instant.parse("2026-11-23T10:00:00Z"));

    WatcherTestSupport.publish(PUSHER, pushed);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          ShopSet a = get("commits", "a");
          assertThat(a.getStatus().lastCommit()).isNotNull();
          assertThat(a.getStatus().lastCommit().sha()).isEqualTo(pushed.sha());
          assertThat(a.getStatus().lastCommit().branch()).isEqualTo("commits-tier");
          assertThat(a.getStatus().lastCommit().time()).isEqualTo("2026-11-23T10:00:00Z");
          assertThat(condition(a, Conditions.COMMITTED).status()).isEqualTo(Condition.TRUE);
          assertThat(condition(a, Conditions.RENDERED).status()).isEqualTo(Condition.TRUE);
          assertThat(condition(a, Conditions.VALID).status())
              .as("the Valid condition is kept")
              .isEqualTo(Condition.TRUE);
        });
    String versionAfterFirst = get("commits", "a").getMetadata().getResourceVersion();
    try (var desired = new TopicTail(Topics.DESIRED)) {
      // Barrier: more reconciles than the store holds objects (resyncs every second in tests)
      // since the status write, and everything published so far read.
      double reconciles = metrics.reconciles();
      await().atMost(Duration.ofSeconds(30)).until(() -> metrics.reconciles() >= reconciles + 50);
      desired.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(desired.read("commits/a"::equals))
          .as("the status-only update emitted no second desired state")
          .hasSize(1);
    }

    // The same event again, then one for b on the same key (same partition, so read after it).
    WatcherTestSupport.publish(PUSHER, pushed);
    WatcherTestSupport.publish(
        PUSHER,
        new CommitFailed(
            SYSTEM,
            "commits-tier",
            List.of(new ShopSetRef("commits", "b", 1)),
            "PermissionDenied",
            "The token may not push to commits-tier; give it write access."));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Condition committed = condition(get("commits", "b"), Conditions.COMMITTED);
          assertThat(committed).isNotNull();
          assertThat(committed.status()).isEqualTo(Condition.FALSE);
          assertThat(committed.reason()).isEqualTo("PermissionDenied");
          assertThat(committed.message()).contains("write access");
        });
    assertThat(get("commits", "a").getMetadata().getResourceVersion())
        .as("the repeated commit wrote nothing")
        .isEqualTo(versionAfterFirst);
  }

  @Test
  void anUndecodableCommitGoesToTheDeadLetterTopicWithItsReason() {
    try (var dlq = new TopicTail(Topics.deadLetter(Topics.COMMITS))) {
      WatcherTestSupport.publishRaw(
          Topics.COMMITS, "garbage#key", "not an event".getBytes(StandardCharsets.UTF_8));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(dlq.rawKeys()).contains("garbage#key"));
      assertThat(dlq.reasonOf("garbage#key")).contains("ce_specversion");
    }
  }

  @Test
  void aNewPromotionIsRequestedAndItsResultRecorded() {
    client.resource(tier("promo-dev", SYSTEM, "promo-prod")).create();
    client.resource(tier("promo-prod", SYSTEM, null)).create();
    try (var requests = new TopicTail(Topics.PROMOTIONS)) {
      client.resource(promotion("promote-dev", "promo-dev")).create();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() ->
              assertThat(requests.read(k -> true))
                  .anySatisfy(e ->
                      assertThat(e.event().data())
                          .isEqualTo(
                              new PromotionRequested(
                                  "promote-dev",
                                  1,
                                  "promo-dev",
                                  "promo-prod",
                                  "https://git.example/app.git",
                                  "promo-dev",
                                  "promo-prod"))));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(promotionStatus("promote-dev").phase()).isEqualTo(Phase.Pending));

      WatcherTestSupport.publish(
          PUSHER,
          new PromotionResult(
              "promote-dev",
              1,
              "https://git.example/app.git",
              "promo-dev",
              "promo-prod",
              PromotionResult.Outcome.SUCCEEDED,
              "feedbeef",
              null,
              null));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> {
            var status = promotionStatus("promote-dev");
            assertThat(status.phase()).isEqualTo(Phase.Succeeded);
            assertThat(status.commit()).isEqualTo("feedbeef");
          });
      assertThat(
              requests.read(k -> true).stream()
                  .filter(e -> e.event().type() == EventType.PROMOTION_REQUESTED)
                  .filter(e -> e.event().subject().equals("promote-dev")))
          .as("requested once")
          .hasSize(1);
    }
  }

  @Test
  void aPromotionOfATierWithoutPromotesToFailsWithoutARequest() {
    client.resource(tier("promo-top", SYSTEM, null)).create();
    try (var requests = new TopicTail(Topics.PROMOTIONS)) {
      client.resource(promotion("promote-top", "promo-top")).create();

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> {
            var status = promotionStatus("promote-top");
            assertThat(status.phase()).isEqualTo(Phase.Failed);
            assertThat(status.reason()).isEqualTo(PromotionPlanner.NO_PROMOTION_TARGET);
            assertThat(status.message()).contains("promotesTo");
          });
      assertThat(requests.read(k -> true))
          .noneMatch(e -> e.event().subject().equals("promote-top"));
    }
  }

  private dev.shopset.contracts.resources.PromotionStatus promotionStatus(String name) {
    Promotion p = client.resources(Promotion.class).withName(name).get();
    assertThat(p.getStatus()).isNotNull();
    return p.getStatus();
  }

  @Test
  void tierAndConfigurationStatusSayWhatTheBranchPinsAndWhoUsesThem() {
    validShopSets("pins", "one", "two");
    String app = "a".repeat(40);
    String config = "c".repeat(40);
    var pushed =
        new CommitPushed(
            SYSTEM,
            "pins-tier",
            "1123456789abcdef0123456789abcdef01234567",
            List.of(new ShopSetRef("pins", "one", 1)),
            3,
            "Render pins/one; Pin base",
            Instant.parse("2026-12-01T10:00:00Z"),
            List.of(
                new CommitPushed.PinMove(
                    "base", "https://git.example/app.git", "pins-tier", null, app),
                new CommitPushed.PinMove(
                    "config/pins/std",
                    "https://git.example/config.git",
                    "pins-tier",
                    null,
                    config)));

    WatcherTestSupport.publish(PUSHER, pushed);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Tier tier = client.resources(Tier.class).withName("pins-tier").get();
          assertThat(tier.getStatus()).isNotNull();
          // The Tier's ShopSet count may be written before the commit arrives: wait for the pin.
          assertThat(tier.getStatus().pin("base")).as("base pin").isNotNull();
          assertThat(tier.getStatus().pin("base").commit()).isEqualTo(app);
          assertThat(tier.getStatus().pin("config/pins/std").commit()).isEqualTo(config);
          assertThat(tier.getStatus().lastCommit().sha()).isEqualTo(pushed.sha());
          assertThat(tier.getStatus().shopSets()).isEqualTo(2);
          Configuration std =
              client.resources(Configuration.class).inNamespace("pins").withName("std").get();
          assertThat(std.getStatus().pins())
              .containsExactly(new ConfigurationStatus.TierPin("pins-tier", "pins-tier", config));
          assertThat(std.getStatus().shopSets()).containsExactly("one", "two");
        });

    client.resources(ShopSet.class).inNamespace("pins").withName("two").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          assertThat(
                  client.resources(Tier.class).withName("pins-tier").get().getStatus().shopSets())
              .isEqualTo(1);
          assertThat(
                  client
                      .resources(Configuration.class)
                      .inNamespace("pins")
                      .withName("std")
                      .get()
                      .getStatus()
                      .shopSetCount())
              .isEqualTo(1);
        });
  }
}
