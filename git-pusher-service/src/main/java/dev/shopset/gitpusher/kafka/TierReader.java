package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.TierDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the compacted {@code shopset.desired} from its beginning into the {@link TierDirectory} and
 * the {@link PinDirectory} (like a table: every partition assigned, no consumer group, no offsets
 * committed) and marks the directory loaded once it has reached the end offsets of startup.
 * Read-only: records it cannot read are skipped (the renderer owns that topic's dead-letter topic).
 */
@ApplicationScoped
public class TierReader {

  private static final Logger LOG = Logger.getLogger(TierReader.class);
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  private final TierDirectory tiers;
  private final PinDirectory pins;
  private final Map<String, Object> kafkaConfig;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;

  public TierReader(
      TierDirectory tiers,
      PinDirectory pins,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.tiers = tiers;
    this.pins = pins;
    this.kafkaConfig = kafkaConfig;
  }

  void onStart(@Observes StartupEvent event) {
    start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Starts reading, on a thread of its own. */
  public void start() {
    Thread.ofVirtual().name("tier-reader").start(this::run);
  }

  /** Stops reading. */
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void run() {
    for (int attempt = 1; running; attempt++) {
      try {
        readForever();
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf("Reading %s failed (%s); starting again", Topics.DESIRED, e.getMessage());
        pause(BACKOFF.delay(attempt).toMillis());
      }
    }
  }

  private void readForever() {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "git-pusher-tier-reader");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      List<TopicPartition> partitions = partitions(c);
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
          read(record);
        }
        if (!tiers.loaded()
            && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
          tiers.markLoaded();
          pins.markLoaded();
          LOG.info("Read the desired state as of startup: new tier branches can be created");
        }
      }
    }
  }

  /** The topic's partitions; asking for them creates the topic when missing. */
  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
    while (running) {
      var infos = c.partitionsFor(Topics.DESIRED, Duration.ofSeconds(30));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      pause(500);
    }
    return List.of();
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      // a tombstone: the ShopSet namespace/name is gone
      int slash = record.key() == null ? -1 : record.key().indexOf('/');
      if (slash > 0) {
        pins.forget(record.key().substring(0, slash), record.key().substring(slash + 1));
      }
      return;
    }
    try {
      switch (EventCodec.decode(record.headers(), record.value()).data()) {
        case ShopSetDesired desired -> {
          tiers.learn(desired.tier(), desired.configuration());
          pins.learn(desired);
        }
        case ShopSetDeleted deleted -> pins.forget(deleted.namespace(), deleted.name());
        default -> {}
      }
    } catch (EventDecodingException e) {
      LOG.debugf(
          "Skipping %s record at offset %d: %s", Topics.DESIRED, record.offset(), e.getMessage());
    }
  }
}
