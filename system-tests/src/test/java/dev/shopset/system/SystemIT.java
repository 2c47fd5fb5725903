package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.testkit.GitCli;
import dev.shopset.testkit.GroupOffsets;
import dev.shopset.testkit.TopicTail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user's story end to end: four service processes, the real broker, git over HTTP, the mock
 * Kubernetes API and the Slack stub. Tiers tier-0 → tier-1 write to the {@code system} repository.
 */
@ExtendWith(StackExtension.class)
class SystemIT {

  static final String NS = "scenario";
  static final Duration COMMITTED = Duration.ofSeconds(90);

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static TopicTail commits;

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier("tier-0", 0, "system", "tier-1");
    api.tier("tier-1", 1, "system", null);
    api.configuration(NS);
    system = new SystemRepo(stack, "system");
    commits = TopicTail.on(stack.bootstrapServers(), Topics.COMMITS);
  }

  @AfterAll
  static void tearDown() {
    commits.close();
  }

  static CommitPushed awaitCommitted(ShopSet shopSet) {
    return commits.awaitCommitted(shopSet, COMMITTED);
  }

  @Test
  void shopSetsBecomeOverlaysAndApplicationsThatBuildWithKustomize() {
    ShopSet eu = api.apply(NS, "eu", Resources.spec("tier-0", 2, "berlin", "hamburg"));
    ShopSet us = api.apply(NS, "us", Resources.spec("tier-0", 1, "boston"));
    ShopSet asia = api.apply(NS, "asia", Resources.spec("tier-1", 3, "tokyo"));
    CommitPushed euCommit = awaitCommitted(eu);
    awaitCommitted(us);
    CommitPushed asiaCommit = awaitCommitted(asia);
    assertThat(euCommit.branch()).isEqualTo("tier-0");
    assertThat(asiaCommit.branch()).isEqualTo("tier-1");

    assertThat(system.shopSets("tier-0"))
        .contains(NS + "/eu", NS + "/us")
        .doesNotContain(NS + "/asia");
    assertThat(system.shopSets("tier-1")).contains(NS + "/asia").doesNotContain(NS + "/eu");
    assertThat(system.applications("tier-0")).contains(NS + "/eu", NS + "/us");
    assertThat(system.files("tier-0"))
        .contains(".gitmodules", "base", "config/" + NS + "/" + Resources.CONFIGURATION);
    assertThat(system.show("tier-0", "apps/" + NS + "/eu.yaml"))
        .contains("kind: Application")
        .contains("shopsets/" + NS + "/eu");

    Path clone = system.cloneWithSubmodules("tier-0");
    String built = SystemRepo.kustomize(clone, NS, "eu");
    assertThat(built)
        .as("base (app repo), configuration component and overrides in one build")
        .contains("kind: Deployment")
        .contains("berlin")
        .contains("hamburg")
        .contains("replicas: 2")
        .contains("SHOP_CURRENCY")
        .contains("namespace: " + NS);
    assertThat(SystemRepo.kustomize(clone, NS, "us")).contains("boston").doesNotContain("berlin");
    Path tier1 = system.cloneWithSubmodules("tier-1");
    assertThat(SystemRepo.kustomize(tier1, NS, "asia")).contains("tokyo").contains("replicas: 3");

    // The watcher writes the commit into status.
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          ShopSetStatus status = api.get(NS, "eu").orElseThrow().getStatus();
          assertThat(status).isNotNull();
          assertThat(status.lastCommit()).isNotNull();
          assertThat(status.lastCommit().branch()).isEqualTo("tier-0");
          assertThat(system.contains("tier-0", status.lastCommit().sha())).isTrue();
          assertThat(status.conditions())
              .filteredOn(c -> c.type().equals(Conditions.COMMITTED))
              .extracting(Condition::status)
              .containsExactly(Condition.TRUE);
          assertThat(status.conditions())
              .filteredOn(c -> c.type().equals(Conditions.VALID))
              .extracting(Condition::status)
              .containsExactly(Condition.TRUE);
        });
    assertThat(api.get(NS, "eu").orElseThrow().getStatus().lastCommit().sha())
        .isEqualTo(euCommit.sha());
  }

  @Test
  void aChangedShopSetIsRecommittedAndADeletedOneRemoved() {
    ShopSet first = api.apply(NS, "changing", Resources.spec("tier-0", 1, "oslo"));
    awaitCommitted(first);
    ShopSet second = api.apply(NS, "changing", Resources.spec("tier-0", 5, "oslo", "bergen"));
    assertThat(second.getMetadata().getGeneration())
        .isGreaterThan(first.getMetadata().getGeneration());
    CommitPushed change = awaitCommitted(second);
    assertThat(change.summary()).isNotBlank();
    String built = SystemRepo.kustomize(system.cloneWithSubmodules("tier-0"), NS, "changing");
    assertThat(built).contains("bergen").contains("replicas: 5");

    api.delete(NS, "changing");
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          assertThat(system.shopSets("tier-0")).doesNotContain(NS + "/changing");
          assertThat(system.applications("tier-0")).doesNotContain(NS + "/changing");
        });
  }

  @Test
  void aBaseBumpReachesEveryShopSetOfTheTierInOneCommit() {
    awaitCommitted(api.apply(NS, "bump-a", Resources.spec("tier-0", 1, "rome")));
    awaitCommitted(api.apply(NS, "bump-b", Resources.spec("tier-0", 1, "milan")));
    awaitCommitted(api.apply(NS, "bump-c", Resources.spec("tier-1", 1, "turin")));
    String tier1Base = system.gitlink("tier-1", "base");
    String before = system.head("tier-0");

    String next = pushAppChange("tier-0", "1.27-alpine", "1.28-alpine");
    await().atMost(COMMITTED).until(() -> next.equals(system.gitlink("tier-0", "base")));

    String after = system.head("tier-0");
    assertThat(
            stack
                .cli
                .git(
                    stack.scratch(),
                    "--git-dir",
                    stack.bareDir("system").toString(),
                    "rev-list",
                    "--count",
                    before + ".." + after)
                .strip())
        .as("one commit carries the bump for the whole tier")
        .isEqualTo("1");
    assertThat(system.changed(before, after)).containsExactly("base");
    assertThat(system.gitlink("tier-1", "base")).as("tier-1 keeps its code").isEqualTo(tier1Base);
    Path clone = system.cloneWithSubmodules("tier-0");
    assertThat(SystemRepo.kustomize(clone, NS, "bump-a"))
        .contains("nginx-unprivileged:1.28-alpine");
    assertThat(SystemRepo.kustomize(clone, NS, "bump-b"))
        .contains("nginx-unprivileged:1.28-alpine");
  }

  @Test
  void aPromotionMovesTierZeroCodeToTierOne() {
    awaitCommitted(api.apply(NS, "promo-0", Resources.spec("tier-0", 1, "lyon")));
    awaitCommitted(api.apply(NS, "promo-1", Resources.spec("tier-1", 1, "nice")));
    String next = pushAppChange("tier-0", "value: info", "value: debug");
    await().atMost(COMMITTED).until(() -> next.equals(system.gitlink("tier-0", "base")));

    api.promote("promote-tier-0", "tier-0");
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          PromotionStatus status = api.promotion("promote-tier-0").orElseThrow().getStatus();
          assertThat(status).isNotNull();
          assertThat(status.phase()).isEqualTo(PromotionStatus.Phase.Succeeded);
          assertThat(status.commit()).isEqualTo(next);
        });
    assertThat(stack.cli.head(stack.url("app"), "tier-1")).isEqualTo(next);
    await().atMost(COMMITTED).until(() -> next.equals(system.gitlink("tier-1", "base")));
    // The Tier's status (kubectl's APP column, shopctl tiers) says what its branch pins now.
    await()
        .atMost(COMMITTED)
        .until(() -> api.tierPin("tier-1", "base").filter(next::equals).isPresent());
    Path clone = system.cloneWithSubmodules("tier-1");
    assertThat(SystemRepo.kustomize(clone, NS, "promo-1")).contains("value: debug");
  }

  @Test
  void aRolloutGivesOneSlackMessageUpdatedToSucceeded() {
    String channel = "#scenario-rollouts";
    RolloutSimulator simulator = new RolloutSimulator(stack.client());
    var target = new RolloutSimulator.Target(NS, "eu-web", "eu", "tier-0", channel, 3);
    simulator.deploy(target, "shop-web:1");
    simulator.rollOut(target, 2, "shop-web:2", Duration.ZERO);

    SlackStub slack = stack.slack();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() ->
            assertThat(slack.messages(channel))
                .filteredOn(m -> m.threadTs() == null)
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("eu-web").contains("rolled out")));
    // Stays one message. Barrier: the notifier has handled and committed every rollout event
    // written so far (it commits a record only once Slack took it); no second top-level post.
    GroupOffsets.awaitCommittedToEnd(
        stack.kafkaClientSettings(), "notifier-service", Topics.ROLLOUTS, Duration.ofSeconds(60));
    assertThat(slack.calls("chat.postMessage", channel))
        .filteredOn(c -> c.threadTs() == null && c.status() == 200)
        .hasSize(1);
    assertThat(slack.calls("chat.update", channel)).isNotEmpty();
  }

  /**
   * A developer's push to the app repository's {@code branch} that replaces {@code from} by {@code
   * to} in the base Deployment, then the signed push webhook; returns the new head.
   */
  static String pushAppChange(String branch, String from, String to) {
    return pushAppChange(stack, branch, from, to);
  }

  /** {@link #pushAppChange(String, String, String)} on another stack. */
  static String pushAppChange(Stack stack, String branch, String from, String to) {
    String url = stack.url("app");
    String before = stack.cli.head(url, branch);
    Path work = stack.cli.clone(stack.scratch(), url, branch, false);
    Path deployment = work.resolve(Stack.APP_PATH + "/deployment.yaml");
    String text = readString(deployment);
    assertThat(text).contains(from);
    GitCli.write(deployment, text.replace(from, to));
    stack.cli.git(work, "commit", "-q", "-am", "Change " + from + " to " + to);
    stack.cli.git(work, "push", "-q", "origin", "HEAD:refs/heads/" + branch);
    String after = stack.cli.git(work, "rev-parse", "HEAD").strip();
    GitCli.delete(work);
    byte[] payload = Http.pushPayload(url, branch, before, after);
    Http.Answer answer =
        Http.post(
            stack.service(Stack.PUSHER).url("/webhooks/git"),
            "application/json",
            payload,
            "X-Hub-Signature-256",
            Http.githubSignature(Stack.WEBHOOK_SECRET, payload));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return after;
  }

  private static String readString(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, String> channel(String channel) {
    return Map.of("shopset.dev/slack-channel", channel);
  }

  static List<String> names(List<ShopSetRef> refs) {
    return refs.stream().map(ShopSetRef::name).toList();
  }
}
