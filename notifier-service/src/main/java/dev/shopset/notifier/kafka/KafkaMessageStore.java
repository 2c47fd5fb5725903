package dev.shopset.notifier.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.notifier.domain.MessageStore;
import dev.shopset.notifier.domain.PostedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The rollout → Slack message mapping in the compacted topic {@code shopset.notifier.messages}:
 * read from the start before the service is ready, then tailed so entries other replicas write
 * (after a rebalance) are known too. Writes return once the broker has them (acks=all).
 */
public final class KafkaMessageStore implements MessageStore, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KafkaMessageStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(PostedMessage message, long offset) {}

  private final String topic;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final Thread tail;
  private volatile boolean closed;

  /**
   * @param kafka the service's Kafka client settings (the {@code kafka.*} configuration: bootstrap
   *     servers and the TLS and SASL settings every client of the service uses); each client takes
   *     the ones it knows
   */
  public KafkaMessageStore(Map<String, ?> kafka, String topic, int partitions) {
    this.topic = topic;
    ensureCompactedTopic(only(kafka, AdminClientConfig.configNames()), topic, partitions);
    Properties p = only(kafka, ProducerConfig.configNames());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "notifier-messages-writer");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    Properties c = only(kafka, ConsumerConfig.configNames());
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifier-messages-reader");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    this.tail = Thread.ofPlatform().daemon().name("notifier-messages-tail").start(this::run);
  }

  /** Waits until every entry written before startup has been read. */
  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isLoaded() {
    return loaded.getCount() == 0;
  }

  /** Opened once loaded; the lanes wait on it. */
  public CountDownLatch loadedLatch() {
    return loaded;
  }

  public int size() {
    return entries.size();
  }

  @Override
  public Optional<PostedMessage> get(String rolloutId) {
    Entry e = entries.get(rolloutId);
    return e == null ? Optional.empty() : Optional.of(e.message());
  }

  @Override
  public void put(PostedMessage message) {
    try {
      byte[] body = JSON.writeValueAsBytes(message);
      RecordMetadata meta =
          producer
              .send(new ProducerRecord<>(topic, message.rolloutId(), body))
              .get(30, TimeUnit.SECONDS);
      apply(message.rolloutId(), message, meta.offset());
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new StoreException("Cannot store the message of " + message.rolloutId(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted storing " + message.rolloutId(), e);
    }
  }

  /** Keeps the newest version of a key: the tail may read our own older writes after newer ones. */
  private void apply(String key, PostedMessage message, long offset) {
    entries.compute(
        key,
        (k, old) -> {
          if (old != null && old.offset() >= offset) {
            return old;
          }
          return message == null ? null : new Entry(message, offset);
        });
  }

  private void run() {
    try {
      while (!closed) {
        try {
          tailFromStart();
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          LOG.warnf("Reading %s failed, starting over: %s", topic, e.toString());
          Thread.sleep(1000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
    }
  }

  /** Reads the whole topic (marking it loaded at the end offsets seen first), then follows it. */
  private void tailFromStart() throws InterruptedException {
    List<TopicPartition> partitions = List.of();
    while (partitions.isEmpty() && !closed) {
      // A just-created topic may not be in the metadata yet.
      partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      if (partitions.isEmpty()) {
        Thread.sleep(100);
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (!closed) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        read(r);
      }
      if (loaded.getCount() > 0
          && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        LOG.infof("Loaded %d rollout messages from %s", entries.size(), topic);
        loaded.countDown();
      }
    }
  }

  private void read(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null) {
      return;
    }
    if (r.value() == null) {
      apply(r.key(), null, r.offset());
      return;
    }
    try {
      apply(r.key(), JSON.readValue(r.value(), PostedMessage.class), r.offset());
    } catch (IOException e) {
      LOG.warnf("Skipping unreadable entry %s at %s-%d: %s", r.key(), r.partition(), r.offset(), e);
    }
  }

  /** The settings a client knows (the service's map also holds Quarkus' own kafka.* switches). */
  private static Properties only(Map<String, ?> kafka, Set<String> known) {
    Properties settings = new Properties();
    kafka.forEach((key, value) -> {
      if (known.contains(key)) {
        settings.put(key, value);
      }
    });
    return settings;
  }

  private static void ensureCompactedTopic(Properties adminSettings, String topic, int partitions) {
    try (Admin admin = Admin.create(adminSettings)) {
      NewTopic t =
          new NewTopic(topic, partitions, (short) -1).configs(Map.of("cleanup.policy", "compact"));
      admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new StoreException("Cannot create " + topic, e);
      }
    } catch (TimeoutException e) {
      throw new StoreException("Cannot create " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted creating " + topic, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      tail.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
