package dev.shopset.examples.consumer;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.CloudEventDeserializer;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads ShopSet topics from the beginning like a table (every partition assigned, no consumer
 * group, nothing committed, no topic created) and hands one line per record to {@code out}.
 *
 * <p>How a consumer keeps going: event types this library does not know are skipped and counted
 * (the deserializer's {@code skip} mode), tombstones are not events, and a record that cannot be
 * read at all is reported and stepped over (Kafka raises it from {@code poll} and stays at its
 * offset until the consumer seeks past it).
 */
public final class TopicReader implements AutoCloseable {

  private final CloudEventDeserializer events = CloudEventDeserializer.skippingUnknownTypes();
  private final KafkaConsumer<String, CloudEvent<ShopSetEvent>> consumer;
  private final List<String> topics;
  private final Consumer<String> out;
  private final Map<String, Long> read = new HashMap<>();
  private final List<String> missing = new ArrayList<>();
  private long tombstones;
  private long deadLetters;
  private long unreadable;

  public TopicReader(String bootstrapServers, List<String> topics, Consumer<String> out) {
    this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics, out);
  }

  /**
   * With client settings: the bootstrap servers and whatever the cluster asks for (TLS, SASL, e.g.
   * a Strimzi KafkaUser's {@code sasl.jaas.config} and the cluster CA).
   */
  public TopicReader(Map<String, ?> clientSettings, List<String> topics, Consumer<String> out) {
    this.topics = List.copyOf(topics);
    this.out = out;
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "shopset-example-consumer");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A reader must not create the topics it asks for.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), events);
  }

  /**
   * Reads every record the topics hold when it starts, from the beginning, then returns what it
   * read.
   *
   * @throws IllegalStateException when the end is not reached within {@code timeout}
   */
  public Summary readToEnd(Duration timeout) {
    Map<TopicPartition, Long> end = start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Did not reach the end of " + topics + " within " + timeout + "; read " + summary());
      }
      pollOnce();
    }
    return summary();
  }

  /** Reads from the beginning and keeps reading new records while {@code running} says so. */
  public Summary follow(BooleanSupplier running) {
    start();
    while (running.getAsBoolean()) {
      pollOnce();
    }
    return summary();
  }

  /** What was read so far. */
  public Summary summary() {
    Map<String, Long> skipped = events.skippedTypes();
    return new Summary(read, skipped, tombstones, deadLetters, unreadable, missing);
  }

  /** Makes a {@link #follow} in another thread return (with a {@code WakeupException}). */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  private Map<TopicPartition, Long> start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        missing.add(topic);
        out.accept("# " + topic + " does not exist; skipped");
        continue;
      }
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer.endOffsets(partitions);
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, CloudEvent<ShopSetEvent>> record :
          consumer.poll(Duration.ofMillis(500))) {
        out.accept(line(record));
      }
    } catch (RecordDeserializationException e) {
      TopicPartition at = e.topicPartition();
      if (isDeadLetterTopic(at.topic())) {
        deadLetters++;
        out.accept(
            EventLine.deadLetter(
                at.topic(), at.partition(), e.offset(), text(e.keyBuffer()), headers(e)));
      } else {
        unreadable++;
        out.accept(EventLine.unreadable(at.topic(), at.partition(), e.offset(), why(e)));
      }
      consumer.seek(at, e.offset() + 1);
    }
  }

  private String line(ConsumerRecord<String, CloudEvent<ShopSetEvent>> record) {
    String topic = record.topic();
    if (isDeadLetterTopic(topic)) {
      deadLetters++;
      return EventLine.deadLetter(
          topic, record.partition(), record.offset(), record.key(), record.headers());
    }
    CloudEvent<ShopSetEvent> event = record.value();
    if (event == null) {
      String type = EventCodec.value(record.headers(), EventCodec.H_TYPE);
      if (type != null && EventType.ofType(type).isEmpty()) {
        return EventLine.skipped(topic, record.partition(), record.offset(), type);
      }
      tombstones++;
      return EventLine.tombstone(topic, record.partition(), record.offset(), record.key());
    }
    read.merge(event.type().type(), 1L, Long::sum);
    return EventLine.event(topic, record.partition(), record.offset(), event);
  }

  private static boolean isDeadLetterTopic(String topic) {
    return topic.endsWith(".dlq");
  }

  private static Headers headers(RecordDeserializationException e) {
    return e.headers() == null ? new RecordHeaders() : e.headers();
  }

  private static String why(RecordDeserializationException e) {
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }

  private static String text(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
