package dev.shopset.gitpusher;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.desired;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static dev.shopset.gitpusher.testing.Fixtures.tier;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.app.SourcePolling;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.TierDirectory;
import dev.shopset.gitpusher.domain.TierDirectory.Origin;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.GitHostTestResource;
import dev.shopset.gitpusher.testing.KafkaEvents;
import dev.shopset.gitpusher.testing.Webhooks;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.GitAccess;
import dev.shopset.testkit.GitCli;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service end to end: the real broker, a smart-HTTP git host with basic auth, the git CLI. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GitHostTestResource.class)
class GitPusherIT {

  static final String GROUP = "shopset-git-pusher";

  @Inject TierDirectory tiers;
  @Inject PinDirectory pins;
  @Inject SourcePolling poller;

  static Fixtures git;
  static String app;
  static String config;
  static KafkaEvents kafka;

  @BeforeAll
  static void setUp() {
    git = GitHostTestResource.fixtures();
    app = git.appRepo("app");
    config = git.configRepo("config");
    kafka = new KafkaEvents(Topics.COMMITS, Topics.PROMOTION_RESULTS, Topics.SOURCES);
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

  static List<SourceChanged> sourcesOf(String repository) {
    return kafka.events(SourceChanged.class).stream()
        .filter(e -> e.repository().equals(repository))
        .toList();
  }

  int commitCount(String system) {
    Path clone = git.root.resolve("count" + System.nanoTime());
    git.cli.git(git.root, "clone", "-q", "--bare", "-b", TIER, system, clone.toString());
    return Integer.parseInt(git.cli.git(clone, "rev-list", "--count", TIER).strip());
  }

  @Test
  void fiveHundredResultsBecomeAHandfulOfCommitsAndRedeliveryMakesNone() {
    String system = git.emptyRepo("system-many");
    List<RenderResult> renders =
        IntStream.range(0, 500)
            .mapToObj(i -> render(system, app, config, "shop", "s%03d".formatted(i), 1, 1 + i % 3))
            .toList();
    kafka.send(Topics.RENDERS, renders);
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() ->
            assertThat(
                    pushed(system).stream()
                        .flatMap(e -> e.shopSets().stream())
                        .map(ShopSetRef::name)
                        .distinct())
                .hasSize(500));
    int commits = commitCount(system);
    assertThat(commits).isBetween(1, 10);
    assertThat(pushed(system)).hasSize(commits);

    Path clone = git.root.resolve("clone-many");
    git.cli.git(
        git.root, "clone", "-q", "--recurse-submodules", "-b", TIER, system, clone.toString());
    Set<String> expected = new HashSet<>(Set.of(".gitmodules", "base", "config/shop/standard"));
    renders.forEach(r -> {
      expected.addAll(r.files().keySet());
      expected.addAll(r.shared().keySet());
    });
    assertThat(git.cli.git(clone, "ls-files").lines())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(clone.resolve("config/shop/standard/kustomization.yaml")).exists();
    assertThat(GitCli.run(clone, List.of("kubectl", "kustomize", "shopsets/shop/s007")))
        .contains("name: s007-shop")
        .contains("replicas: 2");

    List<RenderResult> again = new ArrayList<>(renders);
    again.add(render(system, app, config, "shop", "s000", 2, 9));
    kafka.send(Topics.RENDERS, again);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() ->
            assertThat(pushed(system).stream().flatMap(e -> e.shopSets().stream()))
                .contains(new ShopSetRef("shop", "s000", 2)));
    assertThat(commitCount(system)).isEqualTo(commits + 1);
    assertThat(pushed(system).get(pushed(system).size() - 1).filesChanged()).isEqualTo(1);
  }

  @Test
  void aNewGenerationThatRendersTheSameFilesIsReportedCommittedAtTheHeadWithoutACommit() {
    String system = git.emptyRepo("system-same");
    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "same", "eu", 1, 2)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String head = pushed(system).get(0).sha();

    // Generation 2 changed a field that renders nothing (the same files).
    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "same", "eu", 2, 2)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    CommitPushed unchanged = pushed(system).get(1);
    assertThat(unchanged.shopSets()).containsExactly(new ShopSetRef("same", "eu", 2));
    assertThat(unchanged.sha()).isEqualTo(head);
    assertThat(unchanged.filesChanged()).isZero();
    assertThat(unchanged.summary()).startsWith("Already in git: 1 ShopSet on ");
    assertThat(commitCount(system)).isEqualTo(1);
  }

  @Test
  void whileTheGitHostIsDownTheRenderIsKeptAndItsOffsetIsCommittedOnlyAfterThePush() {
    String system = git.emptyRepo("system-outage");
    git.server.setAvailable(false);
    int requests = git.server.requests("system-outage");
    RecordMetadata sent;
    try {
      sent = kafka.sendAndWait(Topics.RENDERS, render(system, app, config, "shop", "eu", 1, 2));
      TopicPartition partition = new TopicPartition(Topics.RENDERS, sent.partition());
      // Barrier: eight refused requests for the system repository, at least four attempts whose
      // backoff (200 ms doubling, at most 1 s in tests) spans more than the throttled strategy's
      // commit interval (1 s in tests): nothing committed.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> git.server.requests("system-outage") >= requests + 8);
      assertThat(KafkaEvents.committed(GROUP, partition)).isLessThanOrEqualTo(sent.offset());
      assertThat(pushed(system)).isEmpty();
      assertThat(kafka.events(CommitFailed.class))
          .noneMatch(f -> f.systemRepository().equals(system));
    } finally {
      git.server.setAvailable(true);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    assertThat(pushed(system).get(0).shopSets()).containsExactly(new ShopSetRef("shop", "eu", 1));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            KafkaEvents.committed(GROUP, new TopicPartition(Topics.RENDERS, sent.partition()))
                > sent.offset());
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void aHumansCommitIsKeptAndOursLandsOnTop() {
    String system = git.emptyRepo("system-human");
    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "shop", "eu", 1, 1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String human = git.commitFiles(system, TIER, "README.md", "Written by hand\n");
    kafka.send(Topics.RENDERS, List.of(render(system, app, config, "shop", "eu", 2, 3)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    Path clone = git.root.resolve("clone-human");
    git.cli.git(git.root, "clone", "-q", "-b", TIER, system, clone.toString());
    assertThat(git.cli.git(clone, "rev-parse", "HEAD^").strip()).isEqualTo(human);
    assertThat(git.cli.git(clone, "rev-parse", "HEAD").strip())
        .isEqualTo(pushed(system).get(1).sha());
    assertThat(clone.resolve("README.md")).exists();
    assertThat(clone.resolve("shopsets/shop/eu/replicas.yaml")).content().contains("replicas: 3");
  }

  @Test
  void aRevokedTokenIsReportedOnceShownInReadinessAndTheKeptBatchIsPushedOnceItIsBack() {
    git.emptyRepo("system-revoked");
    String system = git.server.url("system-revoked");
    git.server.setMode("system-revoked", GitAccess.Mode.LOCKED);
    try {
      kafka.send(Topics.RENDERS, List.of(render(system, app, config, "shop", "eu", 1, 1)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() ->
              assertThat(failed(system))
                  .singleElement()
                  .satisfies(f -> {
                    assertThat(f.reason()).isEqualTo("AuthenticationFailed");
                    assertThat(f.shopSets()).containsExactly(new ShopSetRef("shop", "eu", 1));
                    assertThat(f.message()).doesNotContain(Fixtures.PASSWORD);
                  }));
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body(containsString(system + "#" + TIER))
          .body(containsString("AuthenticationFailed"));
      given().get("/q/health/live").then().statusCode(200);
    } finally {
      git.server.setMode("system-revoked", GitAccess.Mode.NORMAL);
    }
    // No new render: the kept batch is retried (every 1-2 s in tests) and pushed.
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    assertThat(pushed(system).get(0).shopSets()).containsExactly(new ShopSetRef("shop", "eu", 1));
    assertThat(failed(system)).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  static List<CommitFailed> failed(String system) {
    return kafka.events(CommitFailed.class).stream()
        .filter(e -> e.systemRepository().equals(system))
        .toList();
  }

  /** Tells every instance's directory which branch pins what, and waits until it knows. */
  void desire(
      String system, String branch, String tier, String app, String config, String... names) {
    List<ShopSetDesired> states = new ArrayList<>();
    for (String name : names) {
      // one namespace per test: a ShopSet lives in one place, the last one learned
      states.add(desired(tier, name, tier(tier, 0, branch, null, app, system), config));
    }
    kafka.send(Topics.DESIRED, states);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> pins.pinners(new SourceRef(app, branch)).contains(new BranchId(system, branch)));
  }

  @Test
  void aBadWebhookSignatureIsRefusedAndAGoodOneBumpsThePinInOneCommit() {
    String hookApp = git.appRepo("app-hook");
    String system = git.emptyRepo("system-hook");
    desire(system, TIER, "hook", hookApp, config, "eu", "us");
    kafka.send(
        Topics.RENDERS,
        List.of(
            render(system, hookApp, config, "shop", "eu", 1, 1),
            render(system, hookApp, config, "shop", "us", 1, 1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String old = git.head(hookApp, TIER);
    // The first commit reports the pins it added (the watcher writes them into Tier status).
    assertThat(pushed(system).get(0).pins())
        .extracting(
            CommitPushed.PinMove::path, CommitPushed.PinMove::from, CommitPushed.PinMove::to)
        .contains(org.assertj.core.groups.Tuple.tuple("base", null, old));
    String next = git.commitFiles(hookApp, TIER, "deployment-note.txt", "v2\n");
    byte[] body = Webhooks.push(hookApp, TIER, old, next);
    Webhooks.post(body, "wrong").statusCode(401);
    Webhooks.post(body, Webhooks.SECRET).statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    // the refused one published nothing: the accepted one is the only change
    assertThat(sourcesOf(hookApp)).singleElement().extracting(SourceChanged::head).isEqualTo(next);
    CommitPushed bump = pushed(system).get(1);
    assertThat(bump.summary())
        .isEqualTo("base: " + old.substring(0, 7) + ".." + next.substring(0, 7));
    assertThat(bump.filesChanged()).isEqualTo(1);
    assertThat(bump.pins())
        .singleElement()
        .satisfies(pin -> {
          assertThat(pin.path()).isEqualTo("base");
          assertThat(pin.branch()).isEqualTo(TIER);
          assertThat(pin.from()).isEqualTo(old);
          assertThat(pin.to()).isEqualTo(next);
        });
    assertThat(commitCount(system)).isEqualTo(2);
    Path clone = git.root.resolve("clone-hook");
    git.cli.git(git.root, "clone", "-q", "-b", TIER, system, clone.toString());
    assertThat(git.cli.git(clone, "ls-tree", "HEAD", "base")).startsWith("160000 commit " + next);
  }

  @Test
  void aPollFindsANewSourceHeadAndBumpsThePinOnce() {
    String pollApp = git.appRepo("app-poll");
    String system = git.emptyRepo("system-poll");
    desire(system, TIER, "poll", pollApp, config, "eu");
    kafka.send(Topics.RENDERS, List.of(render(system, pollApp, config, "shop", "eu", 1, 1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String old = git.head(pollApp, TIER);
    String next = git.commitFiles(pollApp, TIER, "poll.txt", "v2\n");
    poller.poll();
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    assertThat(pushed(system).get(1).summary())
        .isEqualTo("base: " + old.substring(0, 7) + ".." + next.substring(0, 7));
    poller.poll();
    // A marker published after the second poll: once it is seen, so would a second change be.
    String marker = git.appRepo("app-poll-marker");
    kafka.send(
        Topics.SOURCES, List.of(new SourceChanged(marker, TIER, null, git.head(marker, TIER))));
    await().atMost(Duration.ofSeconds(30)).until(() -> !sourcesOf(marker).isEmpty());
    assertThat(sourcesOf(pollApp)).hasSize(1);
    assertThat(commitCount(system)).isEqualTo(2);
  }

  @Test
  void aFastForwardPromotionNamesThePreviousHeadBumpsTheNextTiersPinAndADivergedOneFails() {
    String promoApp = git.appRepo("app-promo");
    String promoConfig = git.configRepo("config-promo", "tier-b");
    String system = git.emptyRepo("system-promo");
    desire(system, "tier-b", "promo-b", promoApp, promoConfig, "eu");
    kafka.send(
        Topics.PROMOTIONS,
        List.of(new PromotionRequested("p1", 1, "a", "b", promoApp, TIER, "tier-b")));
    PromotionResult created = awaitPromotion("p1");
    assertThat(created.outcome()).isEqualTo(PromotionResult.Outcome.SUCCEEDED);
    assertThat(git.head(promoApp, "tier-b"))
        .isEqualTo(git.head(promoApp, TIER))
        .isEqualTo(created.commit());
    assertThat(created.previousCommit()).as("tier-b did not exist before").isNull();
    kafka.send(
        Topics.RENDERS,
        List.of(render(system, promoApp, promoConfig, "shop", "eu", 1, 1, "tier-b")));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);

    String ahead = git.commitFiles(promoApp, TIER, "feature.txt", "new\n");
    kafka.send(
        Topics.PROMOTIONS,
        List.of(new PromotionRequested("p2", 1, "a", "b", promoApp, TIER, "tier-b")));
    PromotionResult forward = awaitPromotion("p2");
    assertThat(forward.outcome()).isEqualTo(PromotionResult.Outcome.SUCCEEDED);
    assertThat(git.head(promoApp, "tier-b")).isEqualTo(ahead).isEqualTo(forward.commit());
    assertThat(forward.previousCommit())
        .as("what a rollback of tier-b goes back to")
        .isEqualTo(created.commit());
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 2);
    assertThat(pushed(system).get(1).summary())
        .isEqualTo("base: " + created.commit().substring(0, 7) + ".." + ahead.substring(0, 7));

    String hotfix = git.commitFiles(promoApp, "tier-b", "hotfix.txt", "only on b\n");
    git.commitFiles(promoApp, TIER, "feature2.txt", "more\n");
    kafka.send(
        Topics.PROMOTIONS,
        List.of(new PromotionRequested("p3", 1, "a", "b", promoApp, TIER, "tier-b")));
    PromotionResult refused = awaitPromotion("p3");
    assertThat(refused.outcome()).isEqualTo(PromotionResult.Outcome.FAILED);
    assertThat(refused.reason()).isEqualTo("NotFastForward");
    assertThat(refused.previousCommit()).as("the branch did not move").isNull();
    assertThat(refused.message()).contains("tier-b has commits that " + TIER + " lacks");
    assertThat(git.head(promoApp, "tier-b")).isEqualTo(hotfix);
  }

  @Test
  void missingTierBranchesAreCreatedFromTheTierBelowInAppAndConfigRepositories() {
    String tierApp = git.appRepo("app-tiers", "main");
    String tierConfig = git.configRepo("config-tiers", "main");
    String system = git.emptyRepo("system-tiers");
    kafka.send(
        Topics.DESIRED,
        List.of(
            desired("shop", "one", tier("alpha", 0, "alpha", "beta", tierApp, system), tierConfig),
            desired("shop", "two", tier("beta", 1, "beta", null, tierApp, system), tierConfig)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tiers.originOf(tierApp, "beta").equals(new Origin.TierBelow("alpha")));

    kafka.send(
        Topics.RENDERS, List.of(render(system, tierApp, tierConfig, "shop", "one", 1, 1, "alpha")));
    await().atMost(Duration.ofSeconds(30)).until(() -> pushed(system).size() == 1);
    String appMain = git.head(tierApp, "main");
    assertThat(git.head(tierApp, "alpha")).isEqualTo(appMain);
    assertThat(git.head(tierConfig, "alpha")).isEqualTo(git.head(tierConfig, "main"));
    Path alpha = git.root.resolve("clone-alpha");
    git.cli.git(
        git.root, "clone", "-q", "--recurse-submodules", "-b", "alpha", system, alpha.toString());
    assertThat(git.cli.git(alpha, "ls-tree", "HEAD", "base"))
        .startsWith("160000 commit " + appMain);
    assertThat(GitCli.run(alpha, List.of("kubectl", "kustomize", "shopsets/shop/one")))
        .contains("name: one-shop");

    String alphaAhead = git.commitFiles(tierApp, "alpha", "feature.txt", "only on alpha\n");
    kafka.send(
        Topics.RENDERS, List.of(render(system, tierApp, tierConfig, "shop", "two", 1, 1, "beta")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pushed(system).stream().anyMatch(p -> p.branch().equals("beta")));
    assertThat(git.head(tierApp, "beta")).isEqualTo(alphaAhead).isNotEqualTo(appMain);
    assertThat(git.head(tierConfig, "beta")).isEqualTo(git.head(tierConfig, "alpha"));
    assertThat(git.head(tierApp, "main")).isEqualTo(appMain);
    Path beta = git.root.resolve("clone-beta");
    git.cli.git(git.root, "clone", "-q", "-b", "beta", system, beta.toString());
    assertThat(git.cli.git(beta, "ls-tree", "HEAD", "base"))
        .startsWith("160000 commit " + alphaAhead);
    assertThat(git.cli.git(beta, "config", "-f", ".gitmodules", "submodule.base.branch").strip())
        .isEqualTo("beta");
  }

  static PromotionResult awaitPromotion(String name) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kafka.events(PromotionResult.class).stream()
                    .filter(r -> r.promotion().equals(name))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }
}
