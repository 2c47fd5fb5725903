package dev.shopset.testkit;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads topics from their beginning in the background and keeps every record, with when it was
 * seen; survives a broker restart (the consumer reconnects by itself). {@link #readToEnd} reads a
 * topic once, up to its end.
 */
public final class TopicTail implements AutoCloseable {

  /** One record as read: its topic, key, body (null for a tombstone) and headers. */
  public record Seen(String topic, String key, byte[] value, Headers headers, Instant seenAt) {

    /** A tombstone: a key with no body. */
    public boolean tombstone() {
      return value == null;
    }

    /**
     * The CloudEvent, or null for a tombstone.
     *
     * @throws EventDecodingException when the record is no event this version reads
     */
    public CloudEvent<ShopSetEvent> event() {
      return value == null ? null : EventCodec.decode(headers, value);
    }

    /** The event's data, or null for a tombstone or a record the codec cannot read. */
    public ShopSetEvent data() {
      try {
        CloudEvent<ShopSetEvent> event = event();
        return event == null ? null : event.data();
      } catch (EventDecodingException e) {
        return null;
      }
    }

    /** The last value of a header, or null. */
    public String header(String name) {
      return EventCodec.value(headers, name);
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Object> settings;
  private final List<String> topics;
  private final Thread thread;
  private final List<Seen> seen = new ArrayList<>();
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

  /** Tails {@code topics} on the shared embedded broker. */
  public TopicTail(String... topics) {
    this(sharedBroker(), topics);
  }

  private TopicTail(Map<String, ?> clientSettings, String... topics) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
    this.settings = Map.copyOf(settings);
    this.topics = List.of(topics);
    consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(this.topics);
    thread = Thread.ofPlatform().name("tail-" + String.join(",", topics)).daemon().start(this::run);
  }

  /** Tails {@code topics} on the broker at {@code bootstrapServers}. */
  public static TopicTail on(String bootstrapServers, String... topics) {
    return new TopicTail(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
  }

  /** Tails {@code topics} with client settings of their own (a secure broker's user, a group). */
  public static TopicTail on(Map<String, ?> clientSettings, String... topics) {
    return new TopicTail(clientSettings, topics);
  }

  /** Every record of {@code topic} up to its end now, read once from its beginning. */
  public static List<Seen> readToEnd(String bootstrapServers, String topic) {
    Map<String, Object> settings =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "read-" + UUID.randomUUID());
    try (KafkaConsumer<String, byte[]> reader =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      List<Seen> records = new ArrayList<>();
      while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> records.add(seen(r)));
      }
      return records;
    }
  }

  /**
   * Waits until this tail has read everything its topics held when called: a barrier after which a
   * record that was written before the call is in {@link #records()} (or never was written).
   */
  public void awaitCaughtUp(Duration timeout) {
    Map<TopicPartition, Long> ends = endOffsets();
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() ->
            ends.entrySet().stream()
                .allMatch(e ->
                    e.getValue() == 0 || positions.getOrDefault(e.getKey(), 0L) >= e.getValue()));
  }

  private Map<TopicPartition, Long> endOffsets() {
    Map<String, Object> reader = new HashMap<>(settings);
    reader.put(ConsumerConfig.GROUP_ID_CONFIG, "ends-" + UUID.randomUUID());
    try (KafkaConsumer<String, byte[]> ends =
        new KafkaConsumer<>(reader, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        ends.partitionsFor(topic, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      return ends.endOffsets(partitions, Duration.ofSeconds(10));
    }
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Seen s = seen(r);
          synchronized (seen) {
            seen.add(s);
          }
        }
        for (TopicPartition partition : consumer.assignment()) {
          positions.put(partition, consumer.position(partition));
        }
      }
    } catch (WakeupException stopping) {
      // close() woke us up
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private static Seen seen(ConsumerRecord<String, byte[]> r) {
    return new Seen(r.topic(), r.key(), r.value(), r.headers(), Instant.now());
  }

  /** Every record read so far, in the order read. */
  public List<Seen> records() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** The records of one topic read so far. */
  public List<Seen> records(String topic) {
    return records().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /** The records read so far whose key matches. */
  public List<Seen> read(Predicate<String> key) {
    return records().stream().filter(r -> key.test(r.key())).toList();
  }

  /** The records whose key starts with {@code namespace + "/"}. */
  public List<Seen> inNamespace(String namespace) {
    return read(k -> k != null && k.startsWith(namespace + "/"));
  }

  /** Keys of every record read so far, decodable or not. */
  public List<String> rawKeys() {
    return records().stream().map(Seen::key).toList();
  }

  /** The dead-letter reason header of the first record with {@code key}, or null. */
  public String reasonOf(String key) {
    return records().stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> r.header(Topics.DEAD_LETTER_REASON))
        .findFirst()
        .orElse(null);
  }

  /** Decoded events of a type, in the order read (records the codec cannot read are skipped). */
  public <T> List<T> events(Class<T> type) {
    return records().stream().map(Seen::data).filter(type::isInstance).map(type::cast).toList();
  }

  /** The first CommitPushed read that carries the ShopSet at {@code generation} or later. */
  public Optional<CommitPushed> commitOf(String namespace, String name, long generation) {
    for (CommitPushed c : events(CommitPushed.class)) {
      for (ShopSetRef ref : c.shopSets()) {
        if (ref.namespace().equals(namespace)
            && ref.name().equals(name)
            && ref.generation() >= generation) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** Waits for a CommitPushed that carries the ShopSet at its generation (or a later one). */
  public CommitPushed awaitCommitted(ShopSet shopSet, Duration timeout) {
    String namespace = shopSet.getMetadata().getNamespace();
    String name = shopSet.getMetadata().getName();
    long generation = shopSet.getMetadata().getGeneration();
    return Awaitility.await()
        .atMost(timeout)
        .until(() -> commitOf(namespace, name, generation), Optional::isPresent)
        .orElseThrow();
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, ?> sharedBroker() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers());
  }
}
