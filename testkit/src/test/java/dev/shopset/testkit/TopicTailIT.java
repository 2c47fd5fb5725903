package dev.shopset.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tail keeps every record of its topics from their beginning; readToEnd reads to the end. */
class TopicTailIT {

  static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Settings.defaults());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void aTailSeesRecordsSentBeforeAndAfterItStartedWithTheirHeadersAndTombstones() {
    String topic = "tail-" + UUID.randomUUID();
    try (var producer = producer()) {
      send(producer, topic, "ns-a/one", "first");
      try (TopicTail tail = TopicTail.on(broker.bootstrapServers(), topic)) {
        send(producer, topic, "ns-b/two", "second");
        send(producer, topic, "ns-a/one", null);
        tail.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(tail.rawKeys()).as("caught up: everything sent before is read").hasSize(3);
        assertThat(tail.inNamespace("ns-a"))
            .extracting(TopicTail.Seen::tombstone)
            .containsExactly(false, true);
        assertThat(tail.records(topic).getFirst().header("origin")).isEqualTo("test");
        assertThat(tail.records(topic).getFirst().data())
            .as("a record that is no CloudEvent has no data")
            .isNull();
      }
      assertThat(TopicTail.readToEnd(broker.bootstrapServers(), topic))
          .extracting(TopicTail.Seen::key)
          .containsExactly("ns-a/one", "ns-b/two", "ns-a/one");
    }
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
    var record =
        new ProducerRecord<>(
            topic, 0, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    record.headers().add("origin", "test".getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not send to " + topic, e);
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
