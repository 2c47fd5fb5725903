package dev.shopset.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure embedded broker lets in only SCRAM users over TLS and gives them only what their ACLs
 * allow: the same rules a Strimzi cluster with {@code authorization: simple} applies to KafkaUsers.
 */
class SecureBrokerIT {

  private static final String TOPIC = "secure.orders";
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void start() {
    broker =
        EmbeddedKafkaBroker.start(
            EmbeddedKafkaBroker.Settings.defaults()
                .withSecurity(EmbeddedKafkaBroker.Security.defaults()));
    try (BrokerAccess access = BrokerAccess.of(broker)) {
      access
          .createTopics(List.of(TOPIC))
          .createUser("writer", "writer-secret")
          .allow(
              "writer",
              ResourceType.TOPIC,
              TOPIC,
              PatternType.LITERAL,
              AclOperation.WRITE,
              AclOperation.DESCRIBE)
          .createUser("reader", "reader-secret")
          .allow("reader", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.READ)
          .allow("reader", ResourceType.GROUP, "readers", PatternType.LITERAL, AclOperation.READ)
          // A topic of its own, so its producer is let in (idempotence needs a write ACL somewhere)
          // and what is refused below is exactly the write to a topic it does not own.
          .allow(
              "reader", ResourceType.TOPIC, "reader.own", PatternType.LITERAL, AclOperation.WRITE);
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aUserWithAclsProducesAndAnotherConsumesOverScramAndTls() throws Exception {
    try (var producer = producer(broker.clientSettings("writer", "writer-secret"))) {
      producer.send(new ProducerRecord<>(TOPIC, "k", "order-1")).get(30, TimeUnit.SECONDS);
    }
    try (var consumer = consumer(broker.clientSettings("reader", "reader-secret"), "readers")) {
      consumer.subscribe(List.of(TOPIC));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records).extracting(r -> r.value()).contains("order-1");
      consumer.commitSync();
    }
  }

  @Test
  void aUserWithoutAWriteAclIsRefusedWriting() {
    try (var producer = producer(broker.clientSettings("reader", "reader-secret"))) {
      assertThatThrownBy(() ->
              producer.send(new ProducerRecord<>(TOPIC, "k", "forged")).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void aUserIsRefusedAConsumerGroupItHasNoAclFor() {
    try (var consumer = consumer(broker.clientSettings("reader", "reader-secret"), "others")) {
      consumer.subscribe(List.of(TOPIC));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
          .isInstanceOf(GroupAuthorizationException.class);
    }
  }

  @Test
  void aWrongPasswordIsRefusedAuthentication() {
    try (Admin admin = admin(broker.clientSettings("writer", "guessed"))) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aClientWithoutCredentialsIsRefused() {
    // TLS that trusts the cluster CA but no SASL: the broker expects a SASL handshake and drops it.
    Map<String, String> tlsOnly = new HashMap<>(broker.clientSettings("unused", "unused"));
    tlsOnly.put("security.protocol", "SSL");
    tlsOnly.remove("sasl.mechanism");
    tlsOnly.remove("sasl.jaas.config");
    assertRefused(tlsOnly);
    // Plain text, as a client that was never configured: no TLS handshake, no answer.
    assertRefused(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  @Test
  void aClientThatDoesNotTrustTheClusterCaIsRefused() {
    Map<String, String> noCa = new HashMap<>(broker.clientSettings("writer", "writer-secret"));
    noCa.remove("ssl.truststore.type");
    noCa.remove("ssl.truststore.location");
    try (Admin admin = admin(noCa)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
  }

  private static void assertRefused(Map<String, String> settings) {
    Map<String, String> quick = new HashMap<>(settings);
    quick.put("default.api.timeout.ms", "5000");
    quick.put("request.timeout.ms", "4000");
    try (Admin admin = admin(quick)) {
      // Neither answer nor metadata ever comes: the call times out rather than listing the topics.
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  private static Admin admin(Map<String, String> settings) {
    return Admin.create(new HashMap<>(settings));
  }

  private static KafkaProducer<String, String> producer(Map<String, String> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(
      Map<String, String> settings, String group) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
