package dev.shopset.notifier;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.testkit.TopicTail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes rollout events as the watcher does and reads topics from the start, for the ITs. */
public final class RolloutRecords implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              EmbeddedKafkaBroker.shared().bootstrapServers(),
              ProducerConfig.ACKS_CONFIG,
              "all"),
          new StringSerializer(),
          new ByteArraySerializer());

  /** Sends one event and returns its CloudEvent id. */
  public String send(RolloutEvent event) {
    CloudEvent<RolloutEvent> ce = CloudEvent.of("/shopset/watcher", event, Instant.now());
    send(ce);
    return ce.id();
  }

  /** Sends any ShopSet event to its topic, as its producer would; returns its CloudEvent id. */
  public String sendEvent(dev.shopset.contracts.events.ShopSetEvent event) {
    CloudEvent<dev.shopset.contracts.events.ShopSetEvent> ce =
        CloudEvent.of("/shopset/watcher", event, Instant.now());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(ce, headers);
    sendRaw(new ProducerRecord<>(ce.type().topic(), null, ce.key(), body, headers));
    return ce.id();
  }

  /** Sends one event and returns where the broker put it (partition and offset). */
  public RecordMetadata sendForMetadata(RolloutEvent event) {
    return send(CloudEvent.of("/shopset/watcher", event, Instant.now()));
  }

  private RecordMetadata send(CloudEvent<RolloutEvent> ce) {
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(ce, headers);
    return sendRaw(new ProducerRecord<>(Topics.ROLLOUTS, null, ce.key(), body, headers));
  }

  public RecordMetadata sendRaw(ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An admin client of the test broker. */
  public static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            EmbeddedKafkaBroker.shared().bootstrapServers()));
  }

  /** The offset the notifier's consumer group has committed on {@code partition}, -1 if none. */
  public static long committed(Admin admin, TopicPartition partition) {
    try {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets("notifier-service")
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS)
              .get(partition);
      return offset == null ? -1 : offset.offset();
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record of a topic so far. */
  public static List<TopicTail.Seen> readAll(String topic) {
    return TopicTail.readToEnd(EmbeddedKafkaBroker.shared().bootstrapServers(), topic);
  }

  @Override
  public void close() {
    producer.close();
  }
}
