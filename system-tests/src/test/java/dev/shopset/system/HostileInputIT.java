package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.local.ServiceNode;
import dev.shopset.testkit.TopicTail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input at every entry point: resources in the API, raw Kafka records, the push webhook,
 * the preview endpoint. Each case gets a clear status condition, dead-letter record or 4xx; after
 * each, every service is alive and an unrelated ShopSet (the canary) still reaches git.
 */
@ExtendWith(StackExtension.class)
class HostileInputIT {

  static final String NS = "hostile";
  static final String TIER = "hostile";
  static final Duration WAIT = Duration.ofSeconds(60);

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static TopicTail tail;
  static KafkaProducer<String, byte[]> producer;
  static int canaryVersion;

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    system = new SystemRepo(stack, "system");
    api.tier(TIER, 0, "system", null);
    api.tier(
        "hostile-nosys",
        new TierSpec(0, TIER, appRef(), null, null, Resources.EVERY_NAMESPACE, null, null));
    api.tier(
        "hostile-badpath",
        new TierSpec(
            0,
            TIER,
            new RepositoryRef(stack.url("app"), "../../.."),
            sysRef(),
            null,
            Resources.EVERY_NAMESPACE,
            null,
            null));
    api.tier(
        "hostile-badbranch",
        new TierSpec(
            0, "../main", appRef(), sysRef(), null, Resources.EVERY_NAMESPACE, null, null));
    api.tier(
        "hostile-badurl",
        new TierSpec(
            0,
            TIER,
            new RepositoryRef("javascript:alert(1)", Stack.APP_PATH),
            sysRef(),
            null,
            Resources.EVERY_NAMESPACE,
            null,
            null));
    api.configuration(NS);
    api.configuration(NS, "abs-config", new RepositoryRef(stack.url("config"), "/etc"));
    tail =
        TopicTail.on(
            stack.bootstrapServers(),
            Topics.COMMITS,
            Topics.deadLetter(Topics.DESIRED),
            Topics.deadLetter(Topics.RENDERS),
            Topics.deadLetter(Topics.COMMITS),
            Topics.deadLetter(Topics.ROLLOUTS),
            Topics.deadLetter(Topics.PROMOTIONS),
            Topics.deadLetter(Topics.PROMOTION_RESULTS),
            Topics.deadLetter(Topics.SOURCES),
            Topics.deadLetter(Topics.APPROVALS));
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
    canaryFlows();
  }

  @AfterAll
  static void tearDown() {
    if (producer != null) {
      producer.close();
    }
    if (tail != null) {
      tail.close();
    }
  }

  static RepositoryRef appRef() {
    return new RepositoryRef(stack.url("app"), Stack.APP_PATH);
  }

  static RepositoryRef sysRef() {
    return new RepositoryRef(stack.url("system"), null);
  }

  static ShopSetSpec spec(String... shops) {
    return Resources.spec(TIER, 1, shops);
  }

  static ShopSetSpec with(
      ShopSetSpec s,
      Integer replicas,
      ShopSetSpec.Resources resources,
      List<ShopSetSpec.EnvVar> env,
      ShopSetSpec.FailureDomain domain) {
    return new ShopSetSpec(
        s.tier(), s.configuration(), s.shops(), replicas, resources, env, null, domain, null, null);
  }

  // --- what every case ends with ---

  /** Every service alive and a change of an unrelated ShopSet committed. */
  static void canaryFlows() {
    for (ServiceNode service : stack.services()) {
      assertThat(service.alive())
          .as(service.name() + " is alive (log: " + service.log() + ")")
          .isTrue();
    }
    canaryVersion++;
    ShopSet canary = api.apply(NS, "canary", Resources.spec(TIER, canaryVersion, "canary-shop"));
    long generation = canary.getMetadata().getGeneration();
    await()
        .atMost(WAIT)
        .until(() ->
            tail.events(CommitPushed.class).stream()
                .flatMap(c -> c.shopSets().stream())
                .anyMatch(r ->
                    r.namespace().equals(NS)
                        && r.name().equals("canary")
                        && r.generation() >= generation));
  }

  static void awaitInvalid(String name, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(api.condition(NS, name, Conditions.VALID))
                .hasValueSatisfying(c -> {
                  assertThat(c.status()).isEqualTo(Condition.FALSE);
                  assertThat(c.reason()).isEqualTo(reason);
                  assertThat(c.message()).isNotBlank();
                }));
  }

  /** The renderer's refusal reached the ShopSet's status: Rendered and Ready False, naming why. */
  static void awaitRefused(String name, String fragment) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          assertThat(api.condition(NS, name, Conditions.RENDERED))
              .hasValueSatisfying(c -> {
                assertThat(c.status()).isEqualTo(Condition.FALSE);
                assertThat(c.message()).containsIgnoringCase(fragment);
              });
          assertThat(api.condition(NS, name, Conditions.READY))
              .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(Condition.FALSE));
        });
  }

  /**
   * A dead letter for {@code key} on the DLQ of {@code topic}, whose reason mentions {@code
   * fragment}.
   */
  static void awaitDeadLetter(String topic, String key, String fragment) {
    await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(tail.records(Topics.deadLetter(topic)))
                .filteredOn(r -> key.equals(r.key()))
                .isNotEmpty()
                .allSatisfy(r ->
                    assertThat(r.header(Topics.DEAD_LETTER_REASON))
                        .as("reason")
                        .containsIgnoringCase(fragment)));
  }

  static void notInGit(String name) {
    assertThat(system.shopSets(TIER)).doesNotContain(NS + "/" + name);
    assertThat(system.files(TIER))
        .allSatisfy(f -> assertThat(f).doesNotContain("..").doesNotStartWith("/"));
  }

  // --- resources ---

  record ResourceCase(
      String title,
      String name,
      ShopSetSpec spec,
      Map<String, String> annotations,
      String reason,
      String dlqFragment) {}

  static ResourceCase invalid(String title, String name, ShopSetSpec spec, String reason) {
    return new ResourceCase(title, name, spec, Map.of(), reason, null);
  }

  static ResourceCase deadLetter(String title, String name, ShopSetSpec spec, String fragment) {
    return new ResourceCase(title, name, spec, Map.of(), null, fragment);
  }

  /** Hostile inputs by factory, counted as JUnit takes them; the READMEs state their total. */
  static final Map<String, Integer> HOSTILE = new java.util.concurrent.ConcurrentSkipListMap<>();

  static final List<String> HOSTILE_FACTORIES =
      List.of(
          "resources",
          "kafkaRecords",
          "renderResultsThatEscapeTheirDirectory",
          "webhook",
          "preview");

  static Stream<DynamicTest> counted(String factory, Stream<DynamicTest> tests) {
    HOSTILE.putIfAbsent(factory, 0);
    return tests.peek(t -> HOSTILE.merge(factory, 1, Integer::sum));
  }

  /**
   * The number of hostile inputs README.md and system-tests/README.md state is the number of cases
   * here (checked when every factory ran, not for a single chosen one).
   */
  @AfterAll
  static void theReadmesStateTheNumberOfHostileInputs() throws java.io.IOException {
    if (!HOSTILE.keySet().containsAll(HOSTILE_FACTORIES)) {
      return;
    }
    int cases = HOSTILE.values().stream().mapToInt(Integer::intValue).sum();
    java.nio.file.Path module = java.nio.file.Path.of("").toAbsolutePath();
    for (java.nio.file.Path readme :
        List.of(module.resolve("README.md"), module.getParent().resolve("README.md"))) {
      java.util.regex.Matcher stated =
          java.util.regex.Pattern.compile("(\\d+) hostile inputs")
              .matcher(java.nio.file.Files.readString(readme));
      assertThat(stated.find()).as("%s states how many hostile inputs", readme).isTrue();
      assertThat(Integer.parseInt(stated.group(1)))
          .as("hostile inputs stated in %s (cases by factory: %s)", readme, HOSTILE)
          .isEqualTo(cases);
    }
  }

  @TestFactory
  Stream<DynamicTest> resources() {
    String longName = "n" + "a".repeat(70);
    List<ResourceCase> cases =
        List.of(
            invalid(
                "missing Tier",
                "no-tier",
                Resources.spec("no-such-tier", 1, "a"),
                Conditions.TIER_NOT_FOUND),
            invalid(
                "missing Configuration",
                "no-config",
                new ShopSetSpec(
                    TIER, "no-such-config", List.of("a"), 1, null, null, null, null, null, null),
                Conditions.CONFIGURATION_NOT_FOUND),
            invalid(
                "Tier without system repository",
                "no-system",
                Resources.spec("hostile-nosys", 1, "a"),
                Conditions.NO_SYSTEM_REPOSITORY),
            invalid(
                "path traversal in spec.tier",
                "tier-traversal",
                Resources.spec("../../etc", 1, "a"),
                Conditions.TIER_NOT_FOUND),
            invalid(
                "path traversal in spec.configuration",
                "config-traversal",
                new ShopSetSpec(
                    TIER,
                    "../../../etc/passwd",
                    List.of("a"),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                Conditions.CONFIGURATION_NOT_FOUND),
            deadLetter("name longer than a DNS label", longName, spec("a"), "name"),
            deadLetter("path traversal in a shop id", "shop-traversal", spec("../../etc"), "shops"),
            deadLetter("upper case and Unicode shop id", "shop-unicode", spec("Zürich"), "shops"),
            deadLetter("zero-width space in a shop id", "shop-zwsp", spec("ber\u200Blin"), "shops"),
            deadLetter(
                "no shops",
                "no-shops",
                new ShopSetSpec(
                    TIER,
                    Resources.CONFIGURATION,
                    List.of(),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                "shops"),
            deadLetter(
                "1,001 shops (huge spec)",
                "huge-shops",
                new ShopSetSpec(
                    TIER,
                    Resources.CONFIGURATION,
                    IntStream.range(0, 1001).mapToObj(i -> "shop-" + i).toList(),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                "shops"),
            deadLetter(
                "40,000-character env value",
                "huge-env",
                with(
                    spec("a"),
                    1,
                    null,
                    List.of(new ShopSetSpec.EnvVar("BIG", "x".repeat(40_000))),
                    null),
                "env"),
            deadLetter(
                "101 env vars",
                "many-env",
                with(
                    spec("a"),
                    1,
                    null,
                    IntStream.range(0, 101)
                        .mapToObj(i -> new ShopSetSpec.EnvVar("V" + i, "x"))
                        .toList(),
                    null),
                "env"),
            deadLetter(
                "env name not an identifier",
                "bad-env-name",
                with(spec("a"), 1, null, List.of(new ShopSetSpec.EnvVar("1BAD;rm", "x")), null),
                "env"),
            deadLetter(
                "negative replicas",
                "negative-replicas",
                with(spec("a"), -1, null, null, null),
                "replicas"),
            deadLetter(
                "100,000 replicas",
                "huge-replicas",
                with(spec("a"), 100_000, null, null, null),
                "replicas"),
            deadLetter(
                "quantity that is not one",
                "bad-quantity",
                with(
                    spec("a"),
                    1,
                    new ShopSetSpec.Resources(new ShopSetSpec.Quantities("lots", "1Gi"), null),
                    null,
                    null),
                "cpu"),
            deadLetter(
                "zone with a space",
                "bad-zone",
                with(
                    spec("a"),
                    1,
                    null,
                    null,
                    new ShopSetSpec.FailureDomain(List.of("eu west"), null)),
                "zone"),
            deadLetter(
                "Tier base path traversal",
                "base-traversal",
                Resources.spec("hostile-badpath", 1, "a"),
                "path"),
            deadLetter(
                "Tier branch traversal",
                "branch-traversal",
                Resources.spec("hostile-badbranch", 1, "a"),
                "branch"),
            invalid(
                "Tier URL not a clone URL",
                "bad-url",
                Resources.spec("hostile-badurl", 1, "a"),
                Conditions.REPOSITORY_NOT_ALLOWED),
            deadLetter(
                "absolute Configuration path",
                "abs-config",
                new ShopSetSpec(
                    TIER, "abs-config", List.of("a"), 1, null, null, null, null, null, null),
                "path"),
            new ResourceCase(
                "Slack channel annotation with spaces and markup",
                "bad-channel",
                spec("a"),
                Map.of("shopset.dev/slack-channel", "#x <!channel> y"),
                null,
                "channel"));
    return counted(
        "resources",
        cases.stream()
            .map(c ->
                dynamicTest(
                    c.title(),
                    () -> {
                      api.apply(NS, c.name(), c.spec(), c.annotations());
                      if (c.reason() != null) {
                        awaitInvalid(c.name(), c.reason());
                      } else {
                        awaitDeadLetter(Topics.DESIRED, NS + "/" + c.name(), c.dlqFragment());
                        awaitRefused(c.name(), c.dlqFragment());
                      }
                      canaryFlows();
                      notInGit(c.name());
                    })));
  }

  @TestFactory
  Stream<DynamicTest> valuesThatAreOddButValid() {
    return Stream.of(
        dynamicTest(
            "YAML injection in an env value stays one string",
            () -> {
              String value = "x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen";
              ShopSet s =
                  api.apply(
                      NS,
                      "yaml-injection",
                      with(
                          spec("a"),
                          1,
                          null,
                          List.of(new ShopSetSpec.EnvVar("NOTE", value)),
                          null));
              tail.awaitCommitted(s, WAIT);
              Path clone = system.cloneWithSubmodules(TIER);
              String built = SystemRepo.kustomize(clone, NS, "yaml-injection");
              assertThat(built)
                  .as("the value stays inside the env var, no document of its own")
                  .doesNotContainPattern("(?m)^kind: Secret$")
                  .contains("NOTE");
              canaryFlows();
            }),
        dynamicTest(
            "Unicode text in an env value is kept",
            () -> {
              String value = "Grüße aus Zürich — ελληνικά — עברית";
              ShopSet s =
                  api.apply(
                      NS,
                      "unicode-env",
                      with(
                          spec("a"),
                          1,
                          null,
                          List.of(new ShopSetSpec.EnvVar("GREETING", value)),
                          null));
              tail.awaitCommitted(s, WAIT);
              String built =
                  SystemRepo.kustomize(system.cloneWithSubmodules(TIER), NS, "unicode-env");
              assertThat(built).contains("Grüße aus Zürich");
              canaryFlows();
            }));
  }

  // --- raw Kafka records ---

  static void send(String topic, String key, byte[] value, RecordHeaders headers) throws Exception {
    producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
  }

  static RecordHeaders headers(String type) {
    RecordHeaders h = new RecordHeaders();
    h.add(EventCodec.H_SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
    h.add(EventCodec.H_ID, ("hostile-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    h.add(EventCodec.H_SOURCE, "/system-tests".getBytes(StandardCharsets.UTF_8));
    if (type != null) {
      h.add(EventCodec.H_TYPE, type.getBytes(StandardCharsets.UTF_8));
    }
    h.add(EventCodec.H_TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
    h.add(EventCodec.H_CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
    return h;
  }

  static ShopSetDesired desired(String name) {
    return new ShopSetDesired(
        NS,
        name,
        1,
        new TreeMap<>(),
        DesiredStateJoin.desiredSpec(spec("a")),
        new ShopSetDesired.TierState(
            TIER,
            0,
            TIER,
            new ShopSetDesired.Repository(stack.url("app"), Stack.APP_PATH),
            new ShopSetDesired.Repository(stack.url("system"), null),
            null,
            List.of(),
            false),
        new ShopSetDesired.ConfigurationState(
            Resources.CONFIGURATION,
            new ShopSetDesired.Repository(stack.url("config"), Stack.CONFIG_PATH)));
  }

  /** A well-formed record of {@code data}: its headers and body. */
  static Map.Entry<RecordHeaders, byte[]> encoded(dev.shopset.contracts.events.ShopSetEvent data) {
    RecordHeaders h = new RecordHeaders();
    byte[] body = EventCodec.encode(CloudEvent.of("/system-tests", data, Instant.now()), h);
    return Map.entry(h, body);
  }

  static final byte[] GARBAGE = "{not json at all".getBytes(StandardCharsets.UTF_8);

  record KafkaCase(String title, String topic, String key, RecordHeaders headers, byte[] value) {}

  @TestFactory
  Stream<DynamicTest> kafkaRecords() {
    String type = "dev.shopset.shopset-desired.v1";
    var valid = encoded(desired("kafka-truncated"));
    byte[] truncated = Arrays.copyOf(valid.getValue(), valid.getValue().length / 2);
    var v99 = encoded(desired("kafka-v99"));
    RecordHeaders v99Headers = new RecordHeaders();
    v99.getKey()
        .forEach(h ->
            v99Headers.add(
                h.key(),
                h.key().equals(EventCodec.H_TYPE)
                    ? new String(h.value(), StandardCharsets.UTF_8)
                        .replace(".v1", ".v99")
                        .getBytes(StandardCharsets.UTF_8)
                    : h.value()));
    List<KafkaCase> cases =
        List.of(
            new KafkaCase(
                "desired: body not JSON",
                Topics.DESIRED,
                NS + "/kafka-garbage",
                headers(type),
                GARBAGE),
            new KafkaCase(
                "desired: truncated event",
                Topics.DESIRED,
                NS + "/kafka-truncated",
                valid.getKey(),
                truncated),
            new KafkaCase(
                "desired: no ce_type header",
                Topics.DESIRED,
                NS + "/kafka-no-type",
                headers(null),
                valid.getValue()),
            new KafkaCase(
                "desired: unknown event version v99",
                Topics.DESIRED,
                NS + "/kafka-v99",
                v99Headers,
                v99.getValue()),
            new KafkaCase(
                "desired: empty body",
                Topics.DESIRED,
                NS + "/kafka-empty",
                headers(type),
                new byte[0]),
            new KafkaCase(
                "desired: event type of another topic",
                Topics.DESIRED,
                NS + "/kafka-wrong-type",
                headers("dev.shopset.rollout-started.v1"),
                valid.getValue()),
            new KafkaCase(
                "renders: body not JSON",
                Topics.RENDERS,
                "kafka-garbage#hostile",
                headers("dev.shopset.render-result.v1"),
                GARBAGE),
            new KafkaCase(
                "commits: body not JSON",
                Topics.COMMITS,
                "kafka-garbage#hostile",
                headers("dev.shopset.commit-pushed.v1"),
                GARBAGE),
            new KafkaCase(
                "rollouts: body not JSON",
                Topics.ROLLOUTS,
                NS + "/kafka-garbage",
                headers("dev.shopset.rollout-started.v1"),
                GARBAGE),
            new KafkaCase(
                "promotions: body not JSON",
                Topics.PROMOTIONS,
                "kafka-garbage#hostile",
                headers("dev.shopset.promotion-requested.v1"),
                GARBAGE),
            new KafkaCase(
                "promotion results: body not JSON",
                Topics.PROMOTION_RESULTS,
                "kafka-garbage#hostile",
                headers("dev.shopset.promotion-result.v1"),
                GARBAGE),
            new KafkaCase(
                "sources: body not JSON",
                Topics.SOURCES,
                "kafka-garbage#hostile",
                headers("dev.shopset.source-changed.v1"),
                GARBAGE),
            new KafkaCase(
                "approvals: an action whose body is not JSON",
                Topics.APPROVALS,
                "kafka-garbage-action",
                headers("dev.shopset.approval-action-requested.v1"),
                GARBAGE),
            new KafkaCase(
                "approvals: an action without a ce_type header",
                Topics.APPROVALS,
                "kafka-untyped-action",
                headers(null),
                GARBAGE));
    return counted(
        "kafkaRecords",
        cases.stream()
            .map(c ->
                dynamicTest(
                    c.title(),
                    () -> {
                      send(c.topic(), c.key(), c.value(), c.headers());
                      await()
                          .atMost(WAIT)
                          .untilAsserted(() ->
                              assertThat(tail.records(Topics.deadLetter(c.topic())))
                                  .filteredOn(r -> c.key().equals(r.key()))
                                  .isNotEmpty()
                                  .allSatisfy(r ->
                                      assertThat(r.header(Topics.DEAD_LETTER_REASON))
                                          .as("reason")
                                          .isNotBlank()));
                      canaryFlows();
                    })));
  }

  @TestFactory
  Stream<DynamicTest> renderResultsThatEscapeTheirDirectory() {
    return counted(
        "renderResultsThatEscapeTheirDirectory",
        Stream.of(
            dynamicTest(
                "renders: a file path with ../ is refused",
                () ->
                    escapingRender(
                        "escape-file",
                        "shopsets/hostile/escape-file",
                        Map.of("shopsets/hostile/escape-file/../../../etc/passwd", "root::0:0\n"))),
            dynamicTest(
                "renders: a file outside the ShopSet directory is refused",
                () ->
                    escapingRender(
                        "escape-dir",
                        "shopsets/hostile/escape-dir",
                        Map.of(
                            ".gitmodules",
                            "[submodule \"x\"]\n\tpath = x\n\turl = https://evil.example/x.git\n"))),
            dynamicTest(
                "renders: a directory that climbs out is refused",
                () ->
                    escapingRender(
                        "escape-root",
                        "../outside",
                        Map.of("../outside/kustomization.yaml", "resources: []\n"))),
            dynamicTest(
                "renders: the directory of every ShopSet is refused (it would delete them all)",
                () -> escapingRender("escape-all", "shopsets", Map.of()))));
  }

  static void escapingRender(String name, String directory, Map<String, String> files)
      throws Exception {
    String before = system.head(TIER);
    RenderResult render =
        new RenderResult(
            NS,
            name,
            1,
            stack.url("system"),
            TIER,
            directory,
            "apps/" + NS + "/" + name + ".yaml",
            new TreeMap<>(files),
            List.of(new RenderResult.Submodule("base", stack.url("app"), TIER)),
            null);
    var record = encoded(render);
    send(Topics.RENDERS, stack.url("system") + "#" + TIER, record.getValue(), record.getKey());
    // Refused whole, before git: a dead letter that says why, naming this ShopSet.
    await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(tail.records(Topics.deadLetter(Topics.RENDERS)))
                .anySatisfy(r -> assertThat(r.header(Topics.DEAD_LETTER_REASON)).contains(name)));
    canaryFlows();
    assertThat(system.files(TIER))
        .as("the canary's overlay is still there")
        .anyMatch(f -> f.startsWith("shopsets/" + NS + "/canary/"));
    List<String> files1 = system.files(TIER);
    assertThat(files1)
        .noneMatch(
            f -> f.contains("etc/passwd") || f.startsWith("outside") || f.contains("escape"));
    assertThat(system.show(TIER, ".gitmodules")).doesNotContain("evil.example");
    assertThat(before).isNotNull();
  }

  // --- the push webhook ---

  @TestFactory
  Stream<DynamicTest> webhook() {
    String hook = stack.service(Stack.PUSHER).url("/webhooks/git");
    String app = stack.url("app");
    String head = stack.cli.head(app, TIER);
    byte[] push = Http.pushPayload(app, TIER, head, head);
    byte[] malformed = "{\"ref\": \"refs/heads/x\", ".getBytes(StandardCharsets.UTF_8);
    byte[] noUrl =
        "{\"ref\":\"refs/heads/hostile\",\"after\":\"0123456789012345678901234567890123456789\"}"
            .getBytes(StandardCharsets.UTF_8);
    return counted(
        "webhook",
        Stream.of(
            dynamicTest(
                "unsigned push is 401",
                () ->
                    assertThat(Http.post(hook, "application/json", push).status()).isEqualTo(401)),
            dynamicTest(
                "wrong HMAC is 401",
                () ->
                    assertThat(
                            Http.post(
                                    hook,
                                    "application/json",
                                    push,
                                    "X-Hub-Signature-256",
                                    Http.githubSignature("guess", push))
                                .status())
                        .isEqualTo(401)),
            dynamicTest(
                "signature of another body is 401",
                () ->
                    assertThat(
                            Http.post(
                                    hook,
                                    "application/json",
                                    push,
                                    "X-Hub-Signature-256",
                                    Http.githubSignature(Stack.WEBHOOK_SECRET, noUrl))
                                .status())
                        .isEqualTo(401)),
            dynamicTest(
                "wrong GitLab token is 401",
                () ->
                    assertThat(
                            Http.post(hook, "application/json", push, "X-Gitlab-Token", "guess")
                                .status())
                        .isEqualTo(401)),
            dynamicTest(
                "signed malformed JSON is 400",
                () ->
                    assertThat(
                            Http.post(
                                    hook,
                                    "application/json",
                                    malformed,
                                    "X-Hub-Signature-256",
                                    Http.githubSignature(Stack.WEBHOOK_SECRET, malformed))
                                .status())
                        .isEqualTo(400)),
            dynamicTest(
                "signed push naming no repository is 400",
                () ->
                    assertThat(
                            Http.post(
                                    hook,
                                    "application/json",
                                    noUrl,
                                    "X-Hub-Signature-256",
                                    Http.githubSignature(Stack.WEBHOOK_SECRET, noUrl))
                                .status())
                        .isEqualTo(400)),
            dynamicTest(
                "oversized body is 413",
                () ->
                    assertThat(Http.postOversized(hook, "application/json", 11L * 1024 * 1024))
                        .isEqualTo(413)),
            dynamicTest(
                "a replayed push makes no commit",
                () -> {
                  String before = system.head(TIER);
                  for (int i = 0; i < 3; i++) {
                    assertThat(
                            Http.post(
                                    hook,
                                    "application/json",
                                    push,
                                    "X-Hub-Signature-256",
                                    Http.githubSignature(Stack.WEBHOOK_SECRET, push))
                                .status())
                        .isEqualTo(202);
                  }
                  canaryFlows();
                  String after = system.head(TIER);
                  assertThat(system.changed(before, after))
                      .as("only the canary changed")
                      .allMatch(f -> f.contains("canary"));
                })));
  }

  // --- the preview endpoint ---

  @TestFactory
  Stream<DynamicTest> preview() {
    String render = stack.service(Stack.RENDERER).url("/render");
    String tier =
        "{\"apiVersion\":\"shopset.dev/v1alpha1\",\"kind\":\"Tier\",\"metadata\":{\"name\":\"dev\"},\"spec\":{\"rank\":0,\"appRepository\":{\"url\":\""
            + stack.url("app")
            + "\"},\"systemRepository\":{\"url\":\""
            + stack.url("system")
            + "\"},\"namespaceSelector\":{}}}";
    String config =
        "{\"apiVersion\":\"shopset.dev/v1alpha1\",\"kind\":\"Configuration\",\"metadata\":{\"name\":\"c\",\"namespace\":\"n\"},\"spec\":{\"repository\":{\"url\":\""
            + stack.url("config")
            + "\"}}}";
    java.util.function.Function<String, String> withShops =
        shops ->
            "{\"shopSet\":{\"metadata\":{\"name\":\"s\",\"namespace\":\"n\"},"
                + "\"spec\":{\"tier\":\"dev\",\"configuration\":\"c\",\"shops\":"
                + shops
                + "}},\"tier\":"
                + tier
                + ",\"configuration\":"
                + config
                + "}";
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"empty body is 400", "application/json", new byte[0], 400});
    cases.add(
        new Object[] {
          "invalid YAML is 400",
          "application/yaml",
          "kind: [ShopSet\n  : :".getBytes(StandardCharsets.UTF_8),
          400
        });
    cases.add(
        new Object[] {
          "invalid JSON is 400",
          "application/json",
          "{\"kind\":".getBytes(StandardCharsets.UTF_8),
          400
        });
    cases.add(
        new Object[] {
          "a ShopSet without its Tier is 400",
          "application/json",
          ("{\"shopSet\":{\"metadata\":{\"name\":\"s\"},\"spec\":{\"tier\":\"dev\",\"configuration\":\"c\",\"shops\":[\"a\"]}},\"configuration\":"
                  + config
                  + "}")
              .getBytes(StandardCharsets.UTF_8),
          400
        });
    cases.add(
        new Object[] {
          "path traversal in a shop id is 400",
          "application/json",
          withShops.apply("[\"../../etc\"]").getBytes(StandardCharsets.UTF_8),
          400
        });
    cases.add(
        new Object[] {
          "an unknown kind is 400",
          "application/yaml",
          "kind: Secret\nmetadata: {name: x}\n".getBytes(StandardCharsets.UTF_8),
          400
        });
    cases.add(
        new Object[] {
          "a scalar document is 400", "application/json", "42".getBytes(StandardCharsets.UTF_8), 400
        });

    return counted(
        "preview",
        Stream.concat(
            cases.stream()
                .map(c ->
                    dynamicTest(
                        "preview: " + c[0],
                        () -> {
                          Http.Answer answer = Http.post(render, (String) c[1], (byte[]) c[2]);
                          assertThat(answer.status()).as(answer.body()).isEqualTo((int) c[3]);
                        })),
            Stream.of(
                dynamicTest(
                    "preview: oversized body is 413",
                    () ->
                        assertThat(
                                Http.postOversized(render, "application/json", 11L * 1024 * 1024))
                            .isEqualTo(413)),
                dynamicTest(
                    "preview: a good request still renders afterwards",
                    () -> {
                      Http.Answer answer =
                          Http.post(
                              render,
                              "application/json",
                              withShops.apply("[\"a\"]").getBytes(StandardCharsets.UTF_8));
                      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                      assertThat(answer.body()).contains("kustomization.yaml");
                    }))));
  }
}
