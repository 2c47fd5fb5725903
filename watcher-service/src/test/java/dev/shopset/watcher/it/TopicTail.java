package dev.shopset.watcher.it;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning with a raw consumer, decoding records with EventCodec. */
public final class TopicTail implements AutoCloseable {

  /** One record: its key and event, or a null event for a tombstone. */
  public record Entry(String key, CloudEvent<ShopSetEvent> event) {
    public boolean tombstone() {
      return event == null;
    }
  }

  private record Raw(String key, Headers headers, byte[] value) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Raw> raw = new ArrayList<>();

  public TopicTail(String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "watcher-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                "500"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Every record read so far whose key matches, after reading what is there now. */
  public synchronized List<Entry> read(Predicate<String> key) {
    poll();
    return raw.stream()
        .filter(r -> key.test(r.key()))
        .map(r ->
            new Entry(
                r.key(), r.value() == null ? null : EventCodec.decode(r.headers(), r.value())))
        .toList();
  }

  /** Keys of every record read so far, decodable or not. */
  public synchronized List<String> rawKeys() {
    poll();
    return raw.stream().map(Raw::key).toList();
  }

  /** The dead-letter reason header of the first record with {@code key}. */
  public synchronized String reasonOf(String key) {
    poll();
    return raw.stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> EventCodec.value(r.headers(), Topics.DEAD_LETTER_REASON))
        .findFirst()
        .orElse(null);
  }

  private void poll() {
    for (var record : consumer.poll(Duration.ofMillis(200))) {
      raw.add(new Raw(record.key(), record.headers(), record.value()));
    }
  }

  /** Records whose key starts with {@code namespace + "/"}. */
  public List<Entry> inNamespace(String namespace) {
    return read(k -> k != null && k.startsWith(namespace + "/"));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
