package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.local.ServiceNode;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.testkit.GitCli;
import dev.shopset.testkit.TopicTail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults during bursts of ShopSet changes: each service killed with SIGKILL and restarted, the
 * broker stopped and restarted, the git server down, Slack answering 429 and 500, a human pushing
 * to the same branch. Each ends with the system branch exactly as the ShopSets say (every one at
 * its latest spec, nothing missing, nothing extra) and every rollout announced by one message.
 */
@ExtendWith(StackExtension.class)
class FaultsIT {

  static final String NS = "faults";
  static final String TIER = "faults";
  static final String CHANNEL = "#faults";

  /** CI-sized; {@code -Dfaults.changes=1000} runs the same faults full-sized. */
  static final int CHANGES = Integer.getInteger("faults.changes", 100);

  static final Duration CONVERGE = Duration.ofSeconds(180);

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static RolloutSimulator rollouts;

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier(TIER, 0, "system-faults", null);
    api.configuration(NS);
    api.configuration(TENANT);
    system = new SystemRepo(stack, "system-faults");
    rollouts = new RolloutSimulator(stack.client());
  }

  // --- the scenario every fault runs in ---

  /**
   * A burst of {@link #CHANGES} changes at 40/s and one rollout; {@code fault} runs meanwhile on
   * this thread. Then everything must converge.
   */
  static void duringBurst(String prefix, boolean deletions, Runnable fault) {
    String deployment = prefix + "-web";
    var target = new RolloutSimulator.Target(NS, deployment, prefix, TIER, CHANNEL, 2);
    rollouts.deploy(target, "shop-web:1");
    Burst burst = new Burst(api, NS, TIER, prefix, CHANGES / 3, CHANGES, deletions, seed(prefix));
    CompletableFuture<Void> writes = burst.start(40);
    CompletableFuture<Void> rollout =
        CompletableFuture.runAsync(() -> rollouts.rollOut(target, 2, "shop-web:2", Duration.ZERO));
    // Let the burst get going, so the fault hits work in flight.
    await().atMost(Duration.ofSeconds(30)).until(() -> burst.changesWritten() >= CHANGES / 4);
    fault.run();
    writes.orTimeout(5, TimeUnit.MINUTES).join();
    rollout.orTimeout(5, TimeUnit.MINUTES).join();
    assertConverged(prefix, burst.expected());
    assertOneMessagePerRollout(deployment);
    System.out.printf(
        "%s: %d changes converged; restarts by the liveness emulation so far: %s%n",
        prefix, burst.changesWritten(), stack.restartsByHealing());
  }

  /** The same burst for a test whatever ran before it: its seed comes from its prefix. */
  static long seed(String prefix) {
    return 42L + prefix.hashCode();
  }

  /**
   * The system branch holds exactly the {@code expected} ShopSets (name to replicas) of this test's
   * {@code prefix} at their latest spec: each test checks its own ShopSets, so none depends on
   * which tests ran before it.
   */
  static void assertConverged(String prefix, Map<String, Integer> expected) {
    Set<String> names = new TreeSet<>(expected.keySet());
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          stack.heal();
          Map<String, Set<Integer>> replicas = new TreeMap<>(system.replicas(TIER, NS));
          replicas.keySet().removeIf(name -> !name.startsWith(prefix + "-"));
          Map<String, Set<Integer>> want =
              expected.entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          Map.Entry::getKey, e -> Set.of(e.getValue()), (a, b) -> a, TreeMap::new));
          assertThat(replicas).as("replicas per ShopSet in git").isEqualTo(want);
          assertThat(
                  system.shopSets(TIER).stream()
                      .filter(s -> s.startsWith(NS + "/" + prefix + "-"))
                      .map(s -> s.substring(NS.length() + 1)))
              .as("ShopSet directories: nothing missing, nothing extra")
              .containsExactlyInAnyOrderElementsOf(names);
          assertThat(
                  system.applications(TIER).stream()
                      .filter(a -> a.startsWith(NS + "/" + prefix + "-"))
                      .map(a -> a.substring(NS.length() + 1)))
              .as("Applications: nothing missing, nothing extra")
              .containsExactlyInAnyOrderElementsOf(names);
        });
  }

  /** One top-level message for the rollout, updated to succeeded; never a second one. */
  static void assertOneMessagePerRollout(String deployment) {
    assertOneMessagePerRollout(stack.slack(), CHANNEL, deployment, CONVERGE);
  }

  /** One top-level message in {@code channel} for the rollout, updated to succeeded. */
  static void assertOneMessagePerRollout(
      SlackStub slack, String channel, String deployment, Duration within) {
    await()
        .atMost(within)
        .untilAsserted(() ->
            assertThat(slack.messages(channel))
                .filteredOn(m ->
                    m.threadTs() == null
                        && m.text() != null
                        && m.text().startsWith(deployment + " in "))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("rolled out")));
  }

  // --- the faults ---

  @Test
  void killMinus9OfEachServiceInTurn() {
    for (String service : Stack.SERVICES) {
      String prefix = "kill-" + service.substring(0, service.indexOf('-'));
      duringBurst(
          prefix,
          true, // deletions too: one made while the watcher is down must still reach git
          () -> {
            ServiceNode node = stack.service(service);
            node.kill9();
            node.restart();
          });
    }
  }

  @Test
  void brokerStoppedAndRestarted() {
    duringBurst(
        "broker",
        true,
        () -> {
          stack.stopBroker();
          hold(Duration.ofSeconds(10));
          stack.startBroker();
        });
  }

  @Test
  void gitServerDownForThirtySeconds() {
    duringBurst(
        "git-down",
        true,
        () -> {
          stack.git().setAvailable(false);
          try {
            hold(Duration.ofSeconds(30));
          } finally {
            stack.git().setAvailable(true);
          }
        });
  }

  @Test
  void slackAnswering429And500ForAWhile() {
    SlackStub slack = stack.slack();
    // In place before the rollout starts, so its first posts and updates meet them.
    for (int i = 0; i < 3; i++) {
      slack.rateLimitNext("chat.postMessage", CHANNEL, 1, false);
      slack.failNext("chat.postMessage", CHANNEL, 500);
      slack.rateLimitNext("chat.update", CHANNEL, 1, false);
      slack.failNext("chat.update", CHANNEL, 503);
    }
    duringBurst("slack", true, () -> {});
    assertThat(slack.calls().stream().filter(c -> c.status() == 429 || c.status() >= 500))
        .as("the faults were met")
        .hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void aHumanPushingToTheSameBranchMeanwhile() {
    List<String> humans = new java.util.ArrayList<>();
    duringBurst(
        "human",
        true,
        () -> {
          for (int i = 0; i < 5; i++) {
            humans.add(humanCommit("NOTES.md", "Written by a human, edit " + i + "\n"));
          }
        });
    for (String commit : humans) {
      assertThat(system.contains(TIER, commit)).as("human commit " + commit + " kept").isTrue();
    }
    assertThat(system.show(TIER, "NOTES.md")).isEqualTo("Written by a human, edit 4\n");
  }

  // --- one tenant's fault stays its own (issue: scale-out and fault isolation) ---

  static final String TENANT = "faults-tenant";

  /**
   * How long the long outages last: longer, by half, than the one minute after which a record left
   * unprocessed would mark liveness DOWN (SmallRye's throttled commit default, which the services
   * turn off); {@link #holdWhileProbing} runs the liveness probes all along, so a restart it would
   * cause is seen. {@code -Dfaults.outage.seconds=180} for the three minutes operators see.
   */
  static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.outage.seconds", 90));

  @Test
  void aConfigurationRepositoryThatNeverAnswersHoldsBackOnlyItsShopSet() {
    Map<String, Integer> restartsBefore = stack.restartsByHealing();
    api.configuration(
        TENANT, "silent", new RepositoryRef(stack.url("config-silent"), Stack.CONFIG_PATH));
    stack.git().setSilent("config-silent", true);
    try {
      duringBurst(
          "silent", false, () -> api.apply(TENANT, "silent-shop", spec("silent", "quiet-shop")));
      awaitCommitFailed("silent-shop", null);
      assertThat(system.shopSets(TIER)).doesNotContain(TENANT + "/silent-shop");
    } finally {
      stack.git().setSilent("config-silent", false);
    }
    // Answering again: committed without any change to the ShopSet.
    await()
        .atMost(CONVERGE)
        .untilAsserted(() -> assertThat(system.shopSets(TIER)).contains(TENANT + "/silent-shop"));
    assertThat(stack.restartsByHealing()).as("no liveness restart").isEqualTo(restartsBefore);
    api.delete(TENANT, "silent-shop");
  }

  @Test
  void aConfigurationRepositoryThatAnswers404HoldsBackOnlyItsShopSet() {
    Map<String, Integer> restartsBefore = stack.restartsByHealing();
    api.configuration(
        TENANT, "gone", new RepositoryRef(stack.url("no-such-config"), Stack.CONFIG_PATH));
    duringBurst("gone", false, () -> api.apply(TENANT, "gone-shop", spec("gone", "lost-shop")));
    awaitCommitFailed("gone-shop", "RepositoryNotFound");
    assertThat(system.shopSets(TIER)).doesNotContain(TENANT + "/gone-shop");
    assertThat(stack.restartsByHealing()).as("no liveness restart").isEqualTo(restartsBefore);
    api.delete(TENANT, "gone-shop");
  }

  @Test
  void aHumanCommitWithAMalformedGitmodulesIsExplainedAndTheBranchMovesOnOnceRepaired() {
    api.configuration(NS);
    ShopSet before = api.apply(NS, "gitmodules-a", Resources.spec(TIER, 1, "a"));
    awaitCommittedInGit(before);
    String modules = system.show(TIER, ".gitmodules");
    humanCommit(".gitmodules", "[submodule \"base\"\n\tpath = base\n\turl\n[[broken\n");

    ShopSet refused = api.apply(NS, "gitmodules-a", Resources.spec(TIER, 2, "a"));
    awaitCondition(NS, "gitmodules-a", Conditions.COMMITTED, Condition.FALSE, ".gitmodules");
    assertThat(refused.getMetadata().getGeneration()).isGreaterThan(1);

    humanCommit(".gitmodules", modules);
    ShopSet after = api.apply(NS, "gitmodules-a", Resources.spec(TIER, 3, "a"));
    awaitCommittedInGit(after);
    assertConverged("gitmodules", Map.of("gitmodules-a", 3));
  }

  @Test
  void aWebhookWhoseHeadIsNotAHexShaIsRefusedAndNothingStops() {
    String url = stack.url("app");
    byte[] payload = Http.pushPayload(url, TIER, "0".repeat(40), "z".repeat(64));
    duringBurst(
        "nonhex",
        false,
        () -> {
          Http.Answer answer =
              Http.post(
                  stack.service(Stack.PUSHER).url("/webhooks/git"),
                  "application/json",
                  payload,
                  "X-Hub-Signature-256",
                  Http.githubSignature(Stack.WEBHOOK_SECRET, payload));
          assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        });
  }

  @Test
  void aGitOutageOfThreeMinutesWithAPromotionInFlight() {
    Map<String, Integer> restartsBefore = stack.restartsByHealing();
    api.tier("faults-up", 1, "system-faults", null);
    api.tier(TIER, 0, "system-faults", "faults-up");
    String promotion = "faults-outage-" + System.nanoTime();
    duringBurst(
        "outage",
        true,
        () -> {
          stack.git().setAvailable(false);
          try {
            api.promote(promotion, TIER);
            holdWhileProbing(OUTAGE);
          } finally {
            stack.git().setAvailable(true);
          }
        });
    await()
        .atMost(CONVERGE)
        .untilAsserted(() ->
            assertThat(api.promotion(promotion))
                .hasValueSatisfying(p ->
                    assertThat(p.getStatus().phase()).isEqualTo(PromotionStatus.Phase.Succeeded)));
    assertThat(stack.restartsByHealing())
        .as("no pod restarted by its own liveness check during a long git outage")
        .isEqualTo(restartsBefore);
  }

  @Test
  void aKubernetesApiOutageOfThreeMinutes() {
    Map<String, Integer> restartsBefore = stack.restartsByHealing();
    Burst burst = new Burst(api, NS, TIER, "api-down", 30, 60, false, seed("api-down"));
    try (TopicTail desired = TopicTail.on(stack.bootstrapServers(), Topics.DESIRED)) {
      burst.runNow();
      // What the watcher has seen is what it can publish: the outage cuts its watches, and changes
      // still in flight on them would wait for the API to come back (as with a real API server).
      awaitPublished(desired, burst.expected());
    }
    stack.kubernetes().setAvailable(false);
    try {
      // While the API is down the pipeline commits what it has; status writes wait it out.
      await()
          .atMost(CONVERGE)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> {
            stack.heal();
            return system.shopSets(TIER).stream()
                    .filter(s -> s.startsWith(NS + "/api-down-"))
                    .count()
                >= burst.expected().size();
          });
      holdWhileProbing(OUTAGE);
      stack.heal();
    } finally {
      stack.kubernetes().setAvailable(true);
    }
    assertConverged("api-down", burst.expected());
    String last = burst.expected().keySet().iterator().next();
    await()
        .atMost(CONVERGE)
        .untilAsserted(() ->
            assertThat(api.condition(NS, last, Conditions.READY))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(Condition.TRUE)));
    assertThat(stack.restartsByHealing())
        .as("no pod restarted by its own liveness check during a long API outage")
        .isEqualTo(restartsBefore);
  }

  /** Every ShopSet of {@code expected} (name to replicas) published at its latest spec. */
  static void awaitPublished(TopicTail desired, Map<String, Integer> expected) {
    await()
        .atMost(CONVERGE)
        .untilAsserted(() -> {
          Map<String, Integer> published = new TreeMap<>();
          for (TopicTail.Seen seen : desired.inNamespace(NS)) {
            if (!seen.tombstone() && seen.data() instanceof ShopSetDesired d) {
              published.put(d.name(), d.spec().replicas());
            }
          }
          published.keySet().retainAll(expected.keySet());
          assertThat(published).as("latest spec published per ShopSet").isEqualTo(expected);
        });
  }

  static ShopSetSpec spec(String configuration, String shop) {
    return new ShopSetSpec(
        TIER, configuration, List.of(shop), 1, null, null, null, null, null, null);
  }

  static void awaitCommitFailed(String name, String reason) {
    await()
        .atMost(CONVERGE)
        .untilAsserted(() -> {
          assertThat(api.condition(TENANT, name, Conditions.COMMITTED))
              .as("%s/%s explained in status", TENANT, name)
              .hasValueSatisfying(c -> {
                assertThat(c.status()).isEqualTo(Condition.FALSE);
                if (reason != null) {
                  assertThat(c.reason()).isEqualTo(reason);
                }
                assertThat(c.message()).isNotBlank();
              });
          assertThat(api.condition(TENANT, name, Conditions.READY))
              .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(Condition.FALSE));
        });
  }

  static void awaitCondition(
      String namespace, String name, String type, String status, String messagePart) {
    await()
        .atMost(CONVERGE)
        .untilAsserted(() ->
            assertThat(api.condition(namespace, name, type))
                .hasValueSatisfying(c -> {
                  assertThat(c.status()).isEqualTo(status);
                  assertThat(c.message()).contains(messagePart);
                }));
  }

  static void awaitCommittedInGit(ShopSet shopSet) {
    long generation = shopSet.getMetadata().getGeneration();
    await()
        .atMost(CONVERGE)
        .untilAsserted(() ->
            assertThat(api.condition(NS, shopSet.getMetadata().getName(), Conditions.COMMITTED))
                .hasValueSatisfying(c -> {
                  assertThat(c.status()).isEqualTo(Condition.TRUE);
                  assertThat(c.observedGeneration()).isGreaterThanOrEqualTo(generation);
                }));
  }

  /** Clones, edits, commits and pushes, re-trying on a rejected push as a person would. */
  static String humanCommit(String file, String content) {
    String[] sha = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> {
          Path work = stack.cli.clone(stack.scratch(), system.url(), TIER, false);
          try {
            GitCli.write(work.resolve(file), content);
            stack.cli.git(work, "add", "-A");
            stack.cli.git(work, "commit", "-q", "-m", "Notes by hand");
            stack.cli.git(work, "push", "-q", "origin", "HEAD:refs/heads/" + TIER);
            sha[0] = stack.cli.git(work, "rev-parse", "HEAD").strip();
            return true;
          } finally {
            GitCli.delete(work);
          }
        });
    return sha[0];
  }

  /**
   * Keeps a long fault in place for {@code duration} while the kubelet's liveness probes run every
   * second ({@link Stack#heal()}: three failures in a row restart a service, counted in {@code
   * restartsByHealing}).
   */
  static void holdWhileProbing(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      stack.heal();
      hold(Duration.ofSeconds(1));
    }
  }

  /** Keeps a fault in place for a while: the fault itself, not a wait for a result. */
  static void hold(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
