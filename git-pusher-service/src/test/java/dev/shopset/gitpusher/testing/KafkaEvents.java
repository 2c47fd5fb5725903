package dev.shopset.gitpusher.testing;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.testkit.TopicTail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Raw Kafka clients on the real broker: sends CloudEvents, tails topics from their beginning. */
public final class KafkaEvents implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final TopicTail tail;

  /** A record of a dead-letter topic: its key and why it is there. */
  public record DeadLetter(String topic, String key, String reason) {}

  public KafkaEvents(String... readTopics) {
    String servers = EmbeddedKafkaBroker.shared().bootstrapServers();
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer());
    tail = new TopicTail(readTopics);
  }

  /** Sends events in order (keyed), then flushes. */
  public void send(String topic, List<? extends ShopSetEvent> events) {
    for (ShopSetEvent data : events) {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, data.key(), null);
      byte[] body =
          EventCodec.encode(CloudEvent.of("/test", data, Instant.now()), record.headers());
      producer.send(new ProducerRecord<>(topic, null, data.key(), body, record.headers()));
    }
    producer.flush();
  }

  /** Sends one event and waits for the broker: where it landed. */
  public RecordMetadata sendAndWait(String topic, ShopSetEvent data) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, data.key(), null);
    byte[] body = EventCodec.encode(CloudEvent.of("/test", data, Instant.now()), record.headers());
    try {
      return producer
          .send(new ProducerRecord<>(topic, null, data.key(), body, record.headers()))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not send to " + topic, e);
    }
  }

  /** The offset {@code group} has committed on a partition: the next record it will read. */
  public static long committed(String group, TopicPartition partition) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers()))) {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(partition);
      return offset == null ? -1 : offset.offset();
    } catch (Exception e) {
      throw new IllegalStateException("Could not read the offsets of " + group, e);
    }
  }

  /** Every event read so far (of the topics that are not dead-letter topics). */
  public List<ShopSetEvent> events() {
    return tail.records().stream()
        .filter(r -> !r.topic().endsWith(".dlq"))
        .map(TopicTail.Seen::data)
        .toList();
  }

  /** The dead letters read so far (of the dead-letter topics this reads). */
  public List<DeadLetter> deadLetters() {
    return tail.records().stream()
        .filter(r -> r.topic().endsWith(".dlq"))
        .map(r -> new DeadLetter(r.topic(), r.key(), r.header(Topics.DEAD_LETTER_REASON)))
        .toList();
  }

  /** The events of one type read so far. */
  public <T> List<T> events(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    producer.close();
    tail.close();
  }
}
