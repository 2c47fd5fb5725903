package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.local.ServiceNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ShopSet as the manifests deploy it: two processes of every service. During a burst of 1,000
 * changes over two tiers, with new code pushed twice and a promotion in the middle, one replica of
 * each service is killed with -9 in turn (the leading watcher among them): the other replica takes
 * its work over within 15 s, and in the end both system branches hold exactly what the ShopSets and
 * the pushes say, with one Slack message for the rollout.
 */
@ExtendWith(StackExtension.class)
class ScaleOutIT {

  static final String NS = "scale";
  static final String LOW = "scale-0";
  static final String HIGH = "scale-1";
  static final String CHANNEL = "#scale";
  static final int CHANGES = Integer.getInteger("scale.changes", 1000);
  static final Duration TAKEOVER = Duration.ofSeconds(15);
  static final Duration CONVERGE = Duration.ofSeconds(300);

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static RolloutSimulator rollouts;
  static ConsumerGroups groups;

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    assertThat(Stack.REPLICAS).as("this test needs two replicas of each service").isEqualTo(2);
    api = new Resources(stack);
    api.tier(LOW, 0, "system-scale", HIGH);
    api.tier(HIGH, 1, "system-scale", null);
    api.configuration(NS);
    system = new SystemRepo(stack, "system-scale");
    rollouts = new RolloutSimulator(stack.client());
    groups = new ConsumerGroups(stack.bootstrapServers());
  }

  @AfterAll
  static void tearDown() {
    groups.close();
  }

  @Test
  void everyServiceAtTwoReplicasSurvivesKillMinus9OfEachInTurnWithinFifteenSeconds() {
    // Both tier branches exist and pin base before the burst, so every bump has a pin to move.
    api.apply(NS, "seed-low", Resources.spec(LOW, 1, "seed"));
    api.apply(NS, "seed-high", Resources.spec(HIGH, 1, "seed"));
    await()
        .atMost(CONVERGE)
        .until(() -> system.gitlink(LOW, "base") != null && system.gitlink(HIGH, "base") != null);

    var target = new RolloutSimulator.Target(NS, "scale-web", "seed-low", LOW, CHANNEL, 2);
    rollouts.deploy(target, "shop-web:1");
    Burst low = new Burst(api, NS, LOW, "low", 150, CHANGES / 2, true, 101);
    Burst high = new Burst(api, NS, HIGH, "high", 150, CHANGES / 2, true, 202);
    CompletableFuture<Void> lowWrites = low.start(4);
    CompletableFuture<Void> highWrites = high.start(4);
    CompletableFuture<Void> rollout =
        CompletableFuture.runAsync(() -> rollouts.rollOut(target, 2, "shop-web:2", Duration.ZERO));

    Map<String, Duration> takeovers = new LinkedHashMap<>();
    takeovers.putAll(killOneReplica(Stack.RENDERER));
    String firstPush = AppPushes.push(stack, LOW, "first push during the burst");
    takeovers.putAll(killOneReplica(Stack.PUSHER));
    Promotion promotion = api.promote("scale-promotion", LOW);
    takeovers.putAll(killLeadingWatcher());
    takeovers.putAll(killOneReplica(Stack.NOTIFIER));
    String secondPush = AppPushes.push(stack, LOW, "second push during the burst");

    lowWrites.orTimeout(10, TimeUnit.MINUTES).join();
    highWrites.orTimeout(10, TimeUnit.MINUTES).join();
    rollout.orTimeout(10, TimeUnit.MINUTES).join();

    takeovers.forEach((what, took) ->
        System.out.printf("Takeover after kill -9 of %s: %d ms%n", what, took.toMillis()));
    assertThat(takeovers)
        .as("every takeover within %s", TAKEOVER)
        .allSatisfy((what, took) -> assertThat(took).isLessThan(TAKEOVER));

    await()
        .atMost(CONVERGE)
        .untilAsserted(() ->
            assertThat(api.promotion(promotion.getMetadata().getName()))
                .hasValueSatisfying(p -> {
                  assertThat(p.getStatus()).isNotNull();
                  assertThat(p.getStatus().phase()).isEqualTo(PromotionStatus.Phase.Succeeded);
                }));
    String promoted = api.promotion("scale-promotion").orElseThrow().getStatus().commit();
    assertConverged(LOW, low);
    assertConverged(HIGH, high);
    await()
        .atMost(CONVERGE)
        .untilAsserted(() -> {
          assertThat(system.gitlink(LOW, "base"))
              .as("every bump reached the low tier: it pins the last push")
              .isEqualTo(secondPush);
          assertThat(system.gitlink(HIGH, "base"))
              .as("the promotion reached the high tier")
              .isEqualTo(promoted);
        });
    assertThat(promoted)
        .as("the promotion moved code pushed during the burst")
        .isIn(firstPush, secondPush);
    FaultsIT.assertOneMessagePerRollout(stack.slack(), CHANNEL, "scale-web", CONVERGE);
  }

  /**
   * Kills replica 0 of {@code service}, times until its groups are served by the other, restarts.
   */
  static Map<String, Duration> killOneReplica(String service) {
    Set<String> names = ConsumerGroups.of(stack.root, service);
    Map<String, ConsumerGroups.State> before = new TreeMap<>();
    names.forEach(group -> before.put(group, groups.state(group)));
    ServiceNode node = stack.replicas(service).get(0);
    long killed = System.nanoTime();
    node.kill9();
    Map<String, Duration> took = new LinkedHashMap<>();
    for (var entry : before.entrySet()) {
      var state = entry.getValue();
      int gone = state.members() / Stack.REPLICAS;
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> groups.takenOver(entry.getKey(), state, gone));
      took.put(service + " (group " + entry.getKey() + ")", ConsumerGroups.since(killed));
    }
    // As the kubelet would: the killed pod comes back, and joins again.
    node.restart();
    node.awaitReady(Duration.ofSeconds(300));
    return took;
  }

  /** Kills the watcher replica that holds the Lease; times until the other one leads. */
  static Map<String, Duration> killLeadingWatcher() {
    ServiceNode leader =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(stack::leadingWatcher, o -> o.isPresent())
            .orElseThrow();
    long killed = System.nanoTime();
    leader.kill9();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stack.leadingWatcher().filter(w -> w != leader).isPresent());
    Duration took = ConsumerGroups.since(killed);
    leader.restart();
    leader.awaitReady(Duration.ofSeconds(300));
    return Map.of("the leading watcher (" + leader.name() + ")", took);
  }

  /** The tier branch holds exactly the burst's ShopSets (and the seed) at their latest spec. */
  static void assertConverged(String tier, Burst burst) {
    Map<String, Set<Integer>> want =
        burst.expected().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> Set.of(e.getValue()), (a, b) -> a, TreeMap::new));
    Set<String> names = new TreeSet<>(want.keySet());
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          Map<String, Set<Integer>> replicas = new TreeMap<>(system.replicas(tier, NS));
          replicas.keySet().removeIf(n -> !n.startsWith(burst.prefix() + "-"));
          assertThat(replicas).as("replicas per ShopSet on %s", tier).isEqualTo(want);
          assertThat(
                  system.shopSets(tier).stream()
                      .filter(s -> s.startsWith(NS + "/" + burst.prefix() + "-"))
                      .map(s -> s.substring(NS.length() + 1)))
              .as("ShopSet directories on %s: nothing missing, nothing extra", tier)
              .containsExactlyInAnyOrderElementsOf(names);
          assertThat(
                  system.applications(tier).stream()
                      .filter(a -> a.startsWith(NS + "/" + burst.prefix() + "-"))
                      .map(a -> a.substring(NS.length() + 1)))
              .as("Applications on %s: nothing missing, nothing extra", tier)
              .containsExactlyInAnyOrderElementsOf(names);
        });
  }
}
