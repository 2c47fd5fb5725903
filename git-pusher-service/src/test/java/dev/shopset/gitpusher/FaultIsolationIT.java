package dev.shopset.gitpusher;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.desired;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static dev.shopset.gitpusher.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.GitHostTestResource;
import dev.shopset.gitpusher.testing.KafkaEvents;
import dev.shopset.gitpusher.testing.Webhooks;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.GitAccess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One tenant's fault stays its own: a Configuration repository that is gone or silent holds back
 * only its ShopSet and the branch converges once it is back; work that can never succeed is a dead
 * letter, never a wedge; pins move only forward and replayed webhooks are refused.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GitHostTestResource.class)
class FaultIsolationIT {

  @Inject Committers committers;
  @Inject PinDirectory pins;

  static Fixtures git;
  static String app;
  static String config;
  static KafkaEvents kafka;

  @BeforeAll
  static void setUp() {
    git = GitHostTestResource.fixtures();
    app = git.appRepo("app-iso");
    config = git.configRepo("config-iso");
    kafka =
        new KafkaEvents(
            Topics.COMMITS,
            Topics.SOURCES,
            Topics.PROMOTION_RESULTS,
            Topics.deadLetter(Topics.RENDERS),
            Topics.deadLetter(Topics.SOURCES));
  }

  @AfterAll
  static void tearDown() {
    kafka.close();
  }

  static List<CommitPushed> pushed(String system) {
    return kafka.events(CommitPushed.class).stream()
        .filter(e -> e.systemRepository().equals(system))
        .toList();
  }

  static List<CommitFailed> failed(String system) {
    return kafka.events(CommitFailed.class).stream()
        .filter(e -> e.systemRepository().equals(system))
        .toList();
  }

  static List<String> shopSetsPushed(String system) {
    return pushed(system).stream()
        .flatMap(p -> p.shopSets().stream())
        .map(r -> r.namespace() + "/" + r.name())
        .distinct()
        .toList();
  }

  static String gitlink(String system, String path) {
    Path clone = git.root.resolve("look" + System.nanoTime());
    git.cli.git(git.root, "clone", "-q", "--bare", "-b", TIER, system, clone.toString());
    return git.cli.git(clone, "ls-tree", TIER, path).split("\\s+")[2];
  }

  void heldUntilTheConfigurationIsBack(
      String name, GitAccess.Mode fault, String reason, String says) {
    String faulty = git.configRepo("config-" + name);
    String system = git.emptyRepo("system-" + name);
    git.server.setMode("config-" + name, fault);
    try {
      kafka.send(
          Topics.RENDERS,
          List.of(
              render(system, app, faulty, "tenant-a", "eu", 1, 1),
              render(system, app, config, "tenant-b", "eu", 1, 2),
              render(system, app, config, "tenant-b", "us", 1, 3)));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> shopSetsPushed(system).containsAll(List.of("tenant-b/eu", "tenant-b/us")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() ->
              assertThat(failed(system))
                  .singleElement()
                  .satisfies(f -> {
                    assertThat(f.reason()).isEqualTo(reason);
                    assertThat(f.shopSets()).containsExactly(new ShopSetRef("tenant-a", "eu", 1));
                    assertThat(f.message()).contains("config-" + name).contains(says);
                  }));
      assertThat(shopSetsPushed(system)).doesNotContain("tenant-a/eu");
    } finally {
      git.server.setMode("config-" + name, GitAccess.Mode.NORMAL);
    }
    // no new render: the held one is retried (every 1-2 s in tests) and follows
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> shopSetsPushed(system).contains("tenant-a/eu"));
    assertThat(failed(system)).hasSize(1);
    assertThat(gitlink(system, "config/tenant-a/standard")).isEqualTo(git.head(faulty, TIER));
  }

  @Test
  void aConfigurationRepositoryAnswering404HoldsBackOnlyItsShopSetUntilItIsRestored() {
    heldUntilTheConfigurationIsBack(
        "gone", GitAccess.Mode.NOT_FOUND, "RepositoryNotFound", "does not exist");
  }

  @Test
  void aConfigurationRepositoryThatNeverAnswersHoldsBackOnlyItsShopSetUntilItAnswers() {
    heldUntilTheConfigurationIsBack("silent", GitAccess.Mode.HANG, "Unavailable", "did not answer");
  }

  @Test
  void aMalformedGitmodulesIsADeadLetterWithAReasonAndTheBranchMovesOnOnceFixed() {
    String system = git.emptyRepo("system-modules");
    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "mod", "eu", 1, 1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    Path clone = git.root.resolve("modules" + System.nanoTime());
    git.cli.git(git.root, "clone", "-q", "--bare", "-b", TIER, system, clone.toString());
    String modules = git.cli.git(clone, "show", TIER + ":.gitmodules");
    git.commitFiles(system, TIER, ".gitmodules", "[submodule \"base\"\n\tpath = base\n");

    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "mod", "eu", 2, 2)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(kafka.deadLetters())
                .anySatisfy(d -> {
                  assertThat(d.topic()).isEqualTo(Topics.deadLetter(Topics.RENDERS));
                  assertThat(d.key()).isEqualTo(system + "#" + TIER);
                  assertThat(d.reason()).contains("InvalidGitmodules");
                }));
    assertThat(failed(system))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.reason()).isEqualTo("InvalidGitmodules");
          assertThat(f.shopSets()).containsExactly(new ShopSetRef("mod", "eu", 2));
        });

    git.commitFiles(system, TIER, ".gitmodules", modules);
    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "mod", "eu", 3, 3)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    assertThat(pushed(system).get(1).shopSets()).containsExactly(new ShopSetRef("mod", "eu", 3));
  }

  @Test
  void aHeadThatIsNoSha1CommitIdIsRefusedAtTheWebhookAndOnTheTopic() {
    String hookApp = git.appRepo("app-sha256");
    Webhooks.post(Webhooks.push(hookApp, TIER, null, "abc"), Webhooks.SECRET)
        .statusCode(400)
        .body(containsString("40-hex"));
    Webhooks.post(Webhooks.push(hookApp, TIER, null, "a".repeat(64)), Webhooks.SECRET)
        .statusCode(400)
        .body(containsString("SHA-256"));
    kafka.send(Topics.SOURCES, List.of(new SourceChanged(hookApp, TIER, null, "not-a-sha")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(kafka.deadLetters())
                .anySatisfy(d -> {
                  assertThat(d.topic()).isEqualTo(Topics.deadLetter(Topics.SOURCES));
                  assertThat(d.reason()).contains("InvalidSourceHead").contains("not-a-sha");
                }));
  }

  @Test
  void aPinNeverMovesBackwardsAndAReplayedDeliveryIsRefused() {
    String pinApp = git.appRepo("app-forward");
    String system = git.emptyRepo("system-forward");
    kafka.send(
        Topics.DESIRED,
        List.of(desired("forward", "eu", tier("forward", 0, TIER, null, pinApp, system), config)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> pins.pinners(new SourceRef(pinApp, TIER)).contains(new BranchId(system, TIER)));
    kafka.send(Topics.RENDERS, List.of(render(system, pinApp, config, "forward", "eu", 1, 1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String h1 = git.head(pinApp, TIER);
    String h2 = git.commitFiles(pinApp, TIER, "v2.txt", "2\n");
    Webhooks.post(Webhooks.push(pinApp, TIER, h1, h2), Webhooks.SECRET, "delivery-1")
        .statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    assertThat(gitlink(system, "base")).isEqualTo(h2);

    // The same delivery again: refused. An old push under a new delivery id: the pin stays.
    Webhooks.post(Webhooks.push(pinApp, TIER, h1, h2), Webhooks.SECRET, "delivery-1")
        .statusCode(409);
    long refusedBefore = committers.refusedPins();
    Webhooks.post(Webhooks.push(pinApp, TIER, null, h1), Webhooks.SECRET, "delivery-2")
        .statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> committers.refusedPins() > refusedBefore);
    String h3 = git.commitFiles(pinApp, TIER, "v3.txt", "3\n");
    Webhooks.post(Webhooks.push(pinApp, TIER, h2, h3), Webhooks.SECRET, "delivery-3")
        .statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 3);
    assertThat(pushed(system).get(2).summary())
        .isEqualTo("base: " + h2.substring(0, 7) + ".." + h3.substring(0, 7));
    assertThat(gitlink(system, "base")).isEqualTo(h3);
    io.restassured.RestAssured.given()
        .get("/q/metrics")
        .then()
        .body(containsString("shopset_gitpusher_pins_refused_total"));
  }

  @Test
  void anExplicitRollbackMovesTheBranchBackNamesTheHeadItReplacedAndThePinFollows() {
    String rbApp = git.appRepo("app-rollback");
    String system = git.emptyRepo("system-rollback");
    kafka.send(
        Topics.DESIRED,
        List.of(desired("rollback", "eu", tier("rollback", 0, TIER, null, rbApp, system), config)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pins.pinners(new SourceRef(rbApp, TIER)).contains(new BranchId(system, TIER)));
    kafka.send(Topics.RENDERS, List.of(render(system, rbApp, config, "rollback", "eu", 1, 1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String good = git.head(rbApp, TIER);
    String bad = git.commitFiles(rbApp, TIER, "bad.txt", "oops\n");
    Webhooks.post(Webhooks.push(rbApp, TIER, good, bad), Webhooks.SECRET).statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);

    kafka.send(
        Topics.PROMOTIONS,
        List.of(
            new PromotionRequested(
                "rb-1", 1, "rollback", "rollback", rbApp, TIER, TIER, good, true)));
    PromotionResult result =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    kafka.events(PromotionResult.class).stream()
                        .filter(r -> r.promotion().equals("rb-1"))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(result.outcome()).isEqualTo(PromotionResult.Outcome.SUCCEEDED);
    assertThat(git.head(rbApp, TIER)).isEqualTo(good);
    assertThat(result.previousCommit()).as("the head the rollback replaced").isEqualTo(bad);
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 3);
    assertThat(gitlink(system, "base")).isEqualTo(good);
  }

  @Test
  void aFrozenTierKeepsItsPinWhileItsShopSetsAreStillCommittedAndFollowsOnceUnfrozen() {
    String frApp = git.appRepo("app-frozen");
    String system = git.emptyRepo("system-frozen");
    String other = git.emptyRepo("system-thawed");
    var thawed = tier("frozen", 0, TIER, null, frApp, system);
    var frozen =
        new dev.shopset.contracts.events.ShopSetDesired.TierState(
            thawed.name(),
            thawed.rank(),
            thawed.branch(),
            thawed.appRepository(),
            thawed.systemRepository(),
            thawed.promotesTo(),
            thawed.clusters(),
            true);
    BranchId branch = new BranchId(system, TIER);
    kafka.send(
        Topics.DESIRED,
        List.of(
            desired("frozen", "eu", thawed, config),
            desired("thawed", "eu", tier("thawed", 0, TIER, null, frApp, other), config)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pins.pinners(new SourceRef(frApp, TIER)).size() == 2);
    kafka.send(
        Topics.RENDERS,
        List.of(
            render(system, frApp, config, "frozen", "eu", 1, 1),
            render(other, frApp, config, "thawed", "eu", 1, 1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pushed(system).size() == 1 && pushed(other).size() == 1);
    String pinned = git.head(frApp, TIER);

    kafka.send(Topics.DESIRED, List.of(desired("frozen", "eu", frozen, config)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pins.frozen(branch));
    String newer = git.commitFiles(frApp, TIER, "newer.txt", "new code\n");
    Webhooks.post(Webhooks.push(frApp, TIER, pinned, newer), Webhooks.SECRET).statusCode(202);
    // the unfrozen branch pinning the same source is the marker: the router decided for both
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pushed(other).size() == 2 && gitlink(other, "base").equals(newer));
    // a ShopSet change on the frozen tier is still rendered and committed, without the new code
    kafka.send(Topics.RENDERS, List.of(render(system, frApp, config, "frozen", "eu", 2, 3)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    assertThat(pushed(system).get(1).shopSets()).containsExactly(new ShopSetRef("frozen", "eu", 2));
    assertThat(gitlink(system, "base")).isEqualTo(pinned);

    kafka.send(Topics.DESIRED, List.of(desired("frozen", "eu", thawed, config)));
    await().atMost(Duration.ofSeconds(30)).until(() -> !pins.frozen(branch));
    Webhooks.post(Webhooks.push(frApp, TIER, pinned, newer), Webhooks.SECRET).statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 3);
    assertThat(gitlink(system, "base")).isEqualTo(newer);
  }

  @Test
  void aRepositoryOutsideTheAllowedPrefixesIsRefusedForItsShopSetAloneBeforeAnyCall() {
    String system = git.emptyRepo("system-policy");
    kafka.send(
        Topics.RENDERS,
        List.of(
            render(system, app, "https://evil.example/config.git", "tenant-x", "eu", 1, 1),
            render(system, app, "file:///etc/config.git", "tenant-y", "eu", 1, 1),
            render(system, app, config, "tenant-z", "eu", 1, 1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> shopSetsPushed(system).contains("tenant-z/eu"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(failed(system))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo("RepositoryNotAllowed"))
                .flatExtracting(CommitFailed::shopSets)
                .containsExactlyInAnyOrder(
                    new ShopSetRef("tenant-x", "eu", 1), new ShopSetRef("tenant-y", "eu", 1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(kafka.deadLetters())
                .filteredOn(d -> d.key().equals(system + "#" + TIER))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.reason()).contains("RepositoryNotAllowed")));
    assertThat(shopSetsPushed(system)).containsExactly("tenant-z/eu");
  }
}
