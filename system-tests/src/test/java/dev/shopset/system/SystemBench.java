package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.local.ServiceNode;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.testkit.GitCli;
import dev.shopset.testkit.TopicTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Figures of the whole pipeline on this machine ({@code -Pbench}): write-to-commit latency one at a
 * time and at 50 changes/s, 10,000 ShopSets at once, a base bump under 10,000 ShopSets, each
 * service's RSS, rollout-complete-to-Slack latency. Prints a table, writes
 * target/bench/system-bench.json.
 */
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemBench {

  static final String NS = "bench";
  static final String TIER = "bench";
  static final int MANY = Integer.getInteger("bench.shopsets", 10_000);

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static TopicTail commits;
  static final Map<String, Object> results = new LinkedHashMap<>();
  static final Map<String, long[]> rss = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier(TIER, 0, "system-bench", null);
    api.configuration(NS);
    system = new SystemRepo(stack, "system-bench");
    commits = TopicTail.on(stack.bootstrapServers(), Topics.COMMITS);
    for (ServiceNode s : stack.services()) {
      rss.put(s.name(), new long[] {s.rssKib(), 0});
    }
    results.put("cpus", Runtime.getRuntime().availableProcessors());
    results.put("loadAverageAtStart", loadAverage());
  }

  @AfterAll
  static void report() throws IOException {
    for (ServiceNode s : stack.services()) {
      rss.get(s.name())[1] = s.peakRssKib();
    }
    Map<String, Object> memory = new LinkedHashMap<>();
    rss.forEach((name, v) ->
        memory.put(name, Map.of("idleRssMiB", v[0] / 1024, "peakRssMiB", v[1] / 1024)));
    results.put("rss", memory);
    results.put("loadAverageAtEnd", loadAverage());
    commits.close();
    StringBuilder table = new StringBuilder("\n=== ShopSet system benchmark ===\n");
    results.forEach((k, v) -> table.append(String.format("%-38s %s%n", k, v)));
    System.out.println(table);
    Path out = Path.of("target/bench/system-bench.json");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        dev.shopset.contracts.cloudevents.EventCodec.json()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(results));
    Files.writeString(Path.of("target/bench/system-bench.txt"), table);
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so figures need them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * When the generation (or a later one) was first seen committed, from the tail's arrival time.
   */
  static Instant seenCommitted(String name, long generation) {
    Instant best = null;
    for (TopicTail.Seen seen : commits.records(Topics.COMMITS)) {
      if (seen.data() instanceof CommitPushed c) {
        for (ShopSetRef r : c.shopSets()) {
          if (r.namespace().equals(NS) && r.name().equals(name) && r.generation() >= generation) {
            if (best == null || seen.seenAt().isBefore(best)) {
              best = seen.seenAt();
            }
          }
        }
      }
    }
    return best;
  }

  static Map<String, Object> percentiles(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", sorted.size());
    m.put("p50ms", sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))));
    m.put("p99ms", sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))));
    m.put("maxms", sorted.getLast());
    return m;
  }

  @Test
  @Order(1)
  void latencyOneAtATime() {
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      Instant t0 = Instant.now();
      ShopSet s = api.apply(NS, "single", Resources.spec(TIER, 1 + i % 50, "shop-" + i));
      long generation = s.getMetadata().getGeneration();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> seenCommitted("single", generation) != null);
      latencies.add(Duration.between(t0, seenCommitted("single", generation)).toMillis());
    }
    results.put("latency one at a time (write->pushed)", percentiles(latencies));
  }

  @Test
  @Order(2)
  void latencyAtFiftyChangesPerSecond() throws Exception {
    int changes = 500;
    Map<String, Instant> written = new ConcurrentHashMap<>();
    Map<String, Long> generations = new ConcurrentHashMap<>();
    ScheduledExecutorService pace = Executors.newScheduledThreadPool(2);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      writes.add(
          pace.schedule(
              () -> {
                int n = next.getAndIncrement();
                String name = "rate-" + (n % 100);
                Instant t0 = Instant.now();
                ShopSet s = api.apply(NS, name, Resources.spec(TIER, 1 + n / 100, "shop-" + n));
                String key = name + "@" + s.getMetadata().getGeneration();
                written.put(key, t0);
                generations.put(key, s.getMetadata().getGeneration());
              },
              i * 20L,
              TimeUnit.MILLISECONDS));
    }
    for (Future<?> f : writes) {
      f.get(2, TimeUnit.MINUTES);
    }
    pace.shutdown();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            written.keySet().stream()
                .allMatch(k ->
                    seenCommitted(k.substring(0, k.indexOf('@')), generations.get(k)) != null));
    List<Long> latencies = new ArrayList<>();
    written.forEach((k, t0) ->
        latencies.add(
            Duration.between(t0, seenCommitted(k.substring(0, k.indexOf('@')), generations.get(k)))
                .toMillis()));
    results.put("latency at 50 changes/s (write->pushed)", percentiles(latencies));
  }

  @Test
  @Order(3)
  void aThousandShopSetsThroughTheApi() throws Exception {
    int count = Integer.getInteger("bench.api.shopsets", 1_000);
    int before = system.commitCount(TIER);
    Instant t0 = Instant.now();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> all = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      all.add(
          writers.submit(() -> {
            for (int i = writer; i < count; i += 4) {
              api.create(NS, String.format("api-%05d", i), Resources.spec(TIER, 1, "shop-" + i));
            }
          }));
    }
    for (Future<?> f : all) {
      f.get(10, TimeUnit.MINUTES);
    }
    writers.shutdown();
    Instant written = Instant.now();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            system.shopSets(TIER).stream().filter(s -> s.startsWith(NS + "/api-")).count()
                == count);
    Instant done = Instant.now();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shopSets", count);
    m.put("apiWritesSeconds", Duration.between(t0, written).toMillis() / 1000.0);
    m.put("firstWriteToAllCommittedSeconds", Duration.between(t0, done).toMillis() / 1000.0);
    m.put("commits", system.commitCount(TIER) - before);
    results.put(count + " ShopSets created in the API at once", m);
  }

  /**
   * 10,000 ShopSets at once from {@code shopset.desired} on (what the watcher emits): the in-memory
   * API server answers each request by scanning every stored object, so 10,000 creations there
   * measure the mock, not ShopSet.
   */
  @Test
  @Order(4)
  void tenThousandShopSetsAtOnce() throws Exception {
    int before = system.commitCount(TIER);
    var tier =
        new ShopSetDesired.TierState(
            TIER,
            0,
            TIER,
            new ShopSetDesired.Repository(stack.url("app"), Stack.APP_PATH),
            new ShopSetDesired.Repository(stack.url("system-bench"), null),
            null,
            List.of(),
            false);
    var configuration =
        new ShopSetDesired.ConfigurationState(
            Resources.CONFIGURATION,
            new ShopSetDesired.Repository(stack.url("config"), Stack.CONFIG_PATH));
    Instant t0 = Instant.now();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < MANY; i++) {
        String name = String.format("many-%05d", i);
        var desired =
            new ShopSetDesired(
                NS,
                name,
                1,
                new TreeMap<>(),
                DesiredStateJoin.desiredSpec(Resources.spec(TIER, 1, "shop-" + i)),
                tier,
                configuration);
        RecordHeaders headers = new RecordHeaders();
        byte[] body =
            EventCodec.encode(CloudEvent.of("/system-bench", desired, Instant.now()), headers);
        producer.send(new ProducerRecord<>(Topics.DESIRED, null, NS + "/" + name, body, headers));
      }
      producer.flush();
    }
    Instant written = Instant.now();
    await()
        .atMost(Duration.ofMinutes(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            system.shopSets(TIER).stream().filter(s -> s.startsWith(NS + "/many-")).count()
                == MANY);
    Instant done = Instant.now();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shopSets", MANY);
    m.put("publishSeconds", Duration.between(t0, written).toMillis() / 1000.0);
    m.put("firstPublishToAllCommittedSeconds", Duration.between(t0, done).toMillis() / 1000.0);
    m.put("commits", system.commitCount(TIER) - before);
    results.put(MANY + " ShopSets at once (from shopset.desired)", m);
  }

  @Test
  @Order(5)
  void baseBumpUnderTenThousandShopSets() {
    int before = system.commitCount(TIER);
    String url = stack.url("app");
    String beforeHead = stack.cli.head(url, TIER);
    Path work = stack.cli.clone(stack.scratch(), url, TIER, false);
    GitCli.write(work.resolve(Stack.APP_PATH + "/bench-bump.txt"), "bump " + Instant.now() + "\n");
    stack.cli.git(work, "add", "-A");
    stack.cli.git(work, "commit", "-q", "-m", "Bench bump");
    stack.cli.git(work, "push", "-q", "origin", "HEAD:refs/heads/" + TIER);
    String next = stack.cli.git(work, "rev-parse", "HEAD").strip();
    byte[] payload = Http.pushPayload(url, TIER, beforeHead, next);
    Instant t0 = Instant.now();
    Http.Answer answer =
        Http.post(
            stack.service(Stack.PUSHER).url("/webhooks/git"),
            "application/json",
            payload,
            "X-Hub-Signature-256",
            Http.githubSignature(Stack.WEBHOOK_SECRET, payload));
    assertThat(answer.status()).isEqualTo(202);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> next.equals(system.gitlink(TIER, "base")));
    long millis = Duration.between(t0, Instant.now()).toMillis();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shopSetsOnTier", system.shopSets(TIER).size());
    m.put("webhookToPinnedMs", millis);
    m.put("commits", system.commitCount(TIER) - before);
    results.put("base bump", m);
  }

  @Test
  @Order(6)
  void rolloutCompleteToSlackUpdate() {
    RolloutSimulator simulator = new RolloutSimulator(stack.client());
    SlackStub slack = stack.slack();
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String name = "bench-web-" + i;
      String channel = "#bench-" + i;
      var target = new RolloutSimulator.Target(NS, name, "bench", TIER, channel, 2);
      simulator.deploy(target, "shop-web:1");
      // Returns right after its last status write, the one that completes the Deployment.
      simulator.rollOut(target, 2, "shop-web:2", Duration.ZERO);
      Instant t0 = Instant.now();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(5))
          .until(() ->
              slack.messages(channel).stream()
                  .anyMatch(m -> m.threadTs() == null && m.text().contains("rolled out")));
      Instant updated =
          slack.calls("chat.update", channel).stream()
              .filter(c ->
                  c.status() == 200
                      && String.valueOf(c.params().get("text")).contains("rolled out"))
              .map(SlackStub.Call::at)
              .findFirst()
              .orElseThrow();
      latencies.add(Duration.between(t0, updated).toMillis());
    }
    results.put("deployment complete -> Slack update", percentiles(latencies));
  }
}
