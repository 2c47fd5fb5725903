package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.testkit.TopicTail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kafka that lets in only ShopSet: a stack of its own (one process per service, to stay cheap) on
 * the broker's secure mode (SASL_SSL, SCRAM-SHA-512, ACLs), where every service connects as its own
 * user with exactly the ACLs of its KafkaUser in k8s/. ShopSet works end to end on them, nothing a
 * service does is refused, and what is not ShopSet's is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureKafkaIT {

  private static final String NS = "secure";
  private static final Duration COMMITTED = Duration.ofSeconds(90);

  /** The refusal this test provokes on purpose, as the broker's authorizer logs it. */
  private static final String PROVOKED_WHO = "User:shopset-renderer is Denied operation";

  private static final String PROVOKED_WHAT = "on resource = Topic:LITERAL:" + Topics.PROMOTIONS;

  private static Stack stack;
  private static Resources api;
  private static SystemRepo system;
  private static TopicTail commits;

  @BeforeAll
  static void start() {
    Path module = Path.of("").toAbsolutePath();
    stack = Stack.start(module.getParent(), module.resolve("target/secure-stack"), 1, true);
    api = new Resources(stack);
    api.tier("tier-0", 0, "system", "tier-1");
    api.tier("tier-1", 1, "system", null);
    api.configuration(NS);
    system = new SystemRepo(stack, "system");
    commits = TopicTail.on(stack.kafkaClientSettings(), Topics.COMMITS);
  }

  @AfterAll
  static void stop() {
    if (commits != null) {
      commits.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aShopSetChangeFlowsToACommitAndIntoItsStatus() {
    ShopSet shopSet = api.apply(NS, "eu", Resources.spec("tier-0", 2, "berlin"));
    CommitPushed commit = commits.awaitCommitted(shopSet, COMMITTED);
    assertThat(commit.branch()).isEqualTo("tier-0");
    assertThat(system.shopSets("tier-0")).contains(NS + "/eu");
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          ShopSetStatus status = api.get(NS, "eu").orElseThrow().getStatus();
          assertThat(status).isNotNull();
          assertThat(status.lastCommit()).isNotNull();
          assertThat(status.lastCommit().sha()).isEqualTo(commit.sha());
        });
  }

  @Test
  @Order(2)
  void aPushPinsTheBaseAndAPromotionMovesItToTheNextTier() {
    commits.awaitCommitted(api.apply(NS, "next", Resources.spec("tier-1", 1, "nice")), COMMITTED);
    // webhook -> shopset.sources -> pin request on shopset.renders -> commit
    String head = SystemIT.pushAppChange(stack, "tier-0", "value: info", "value: debug");
    await().atMost(COMMITTED).until(() -> head.equals(system.gitlink("tier-0", "base")));
    // Promotion -> shopset.promotions -> git-pusher -> shopset.promotion-results -> status
    api.promote("secure-promotion", "tier-0");
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          PromotionStatus status = api.promotion("secure-promotion").orElseThrow().getStatus();
          assertThat(status).isNotNull();
          assertThat(status.phase()).isEqualTo(PromotionStatus.Phase.Succeeded);
          assertThat(status.commit()).isEqualTo(head);
        });
    await().atMost(COMMITTED).until(() -> head.equals(system.gitlink("tier-1", "base")));
  }

  @Test
  @Order(3)
  void aRolloutReachesSlackThroughTheNotifiersOwnUser() {
    String channel = "#secure-rollouts";
    RolloutSimulator simulator = new RolloutSimulator(stack.client());
    var target = new RolloutSimulator.Target(NS, "eu-web", "eu", "tier-0", channel, 2);
    simulator.deploy(target, "shop-web:1");
    simulator.rollOut(target, 2, "shop-web:2", Duration.ZERO);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() ->
            assertThat(stack.slack().messages(channel))
                .filteredOn(m -> m.threadTs() == null)
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("eu-web").contains("rolled out")));
  }

  @Test
  @Order(4)
  void theRenderersUserCannotWritePromotions() throws Exception {
    Map<String, Object> settings = new HashMap<>(stack.kafkaClientSettingsOf(Stack.RENDERER));
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (var producer =
        new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() ->
              producer
                  .send(new ProducerRecord<>(Topics.PROMOTIONS, "forged", "{}"))
                  .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    // ... while the same user writes its own topic: the refusal is the ACL, not the connection.
    try (var producer =
        new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      assertThat(
              producer
                  .send(new ProducerRecord<>(Topics.deadLetter(Topics.DESIRED), "probe", null))
                  .get(30, TimeUnit.SECONDS)
                  .topic())
          .isEqualTo(Topics.deadLetter(Topics.DESIRED));
    }
  }

  @Test
  @Order(5)
  void aClientWithoutCredentialsOrWithWrongOnesIsRefused() {
    Map<String, String> renderer = stack.kafkaClientSettingsOf(Stack.RENDERER);
    // Plain text, as a client never configured for the cluster: no TLS, no SASL, no answer.
    assertNoAnswer(Map.of("bootstrap.servers", stack.bootstrapServers()));
    // TLS that trusts the CA, but no SASL.
    Map<String, String> tlsOnly = new HashMap<>(renderer);
    tlsOnly.put("security.protocol", "SSL");
    tlsOnly.remove("sasl.mechanism");
    tlsOnly.remove("sasl.jaas.config");
    assertNoAnswer(tlsOnly);
    // A service's user name with a guessed password.
    Map<String, String> guessed = new HashMap<>(renderer);
    guessed.put(
        "sasl.jaas.config",
        dev.shopset.kafka.EmbeddedKafkaBroker.jaasConfig("shopset-git-pusher", "guessed"));
    Map<String, Object> consumerSettings = new HashMap<>(guessed);
    consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, "shopset-git-pusher");
    try (var consumer =
        new KafkaConsumer<>(
            consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.PROMOTIONS));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
          .isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  @Order(6)
  void aTeamsUserFromTheReadOnlyTemplateReadsThePublicTopicsAndNothingElse() throws Exception {
    String template = Files.readString(stack.root.resolve(StrimziUsers.READ_ONLY_TEMPLATE));
    Map<String, String> audit =
        stack.createKafkaUser(
            StrimziUsers.parse(template.replace("TEAM", "audit")), "shopset-reader-audit");
    // Reads a public topic in a group of its own prefix: the commits made above are there.
    try (TopicTail tail = TopicTail.on(withGroup(audit, "audit-dashboard"), Topics.COMMITS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !tail.events(CommitPushed.class).isEmpty());
    }
    // Writes nothing, not even the topics it reads.
    Map<String, Object> producerSettings = new HashMap<>(audit);
    producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (var producer =
        new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() ->
              producer
                  .send(new ProducerRecord<>(Topics.COMMITS, "forged", "{}"))
                  .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class);
    }
    // Reads no internal topic, and joins no group outside its prefix (here: the renderer's).
    assertThatThrownBy(() -> pollOnce(audit, "audit-dashboard", Topics.NOTIFIER_MESSAGES))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> pollOnce(audit, "shopset-renderer", Topics.COMMITS))
        .isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class);
  }

  @Test
  @Order(7)
  void noServiceWasRefusedAnythingAndAllStayedReady() throws Exception {
    for (var node : stack.services()) {
      assertThat(Http.get(node.url("/q/health/ready")).status())
          .as("%s is ready", node.name())
          .isEqualTo(200);
    }
    // The broker logs every refused request; only the one provoked above may be there.
    List<String> services =
        Stack.SERVICES.stream().map(s -> "User:" + StrimziUsers.userOf(s) + " is Denied").toList();
    List<String> denied =
        Files.readAllLines(stack.broker().logFile(), StandardCharsets.UTF_8).stream()
            .filter(line -> services.stream().anyMatch(line::contains))
            .filter(line -> !(line.contains(PROVOKED_WHO) && line.contains(PROVOKED_WHAT)))
            .toList();
    assertThat(denied).as("requests of ShopSet's users the shipped ACLs refused").isEmpty();
    assertThat(Files.readAllLines(stack.broker().logFile(), StandardCharsets.UTF_8))
        .as("the authorizer's log is on (or the check above proves nothing)")
        .anyMatch(line -> line.contains(PROVOKED_WHO) && line.contains(PROVOKED_WHAT));
  }

  private static Map<String, String> withGroup(Map<String, String> settings, String group) {
    Map<String, String> withGroup = new HashMap<>(settings);
    withGroup.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    return withGroup;
  }

  private static void pollOnce(Map<String, String> settings, String group, String topic) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      consumer.poll(Duration.ofSeconds(30));
    }
  }

  private static void assertNoAnswer(Map<String, String> settings) {
    Map<String, Object> quick = new HashMap<>(settings);
    quick.put("default.api.timeout.ms", "5000");
    quick.put("request.timeout.ms", "4000");
    try (Admin admin = Admin.create(quick)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }
}
