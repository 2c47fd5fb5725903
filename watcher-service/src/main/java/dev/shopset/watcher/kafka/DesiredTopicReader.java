package dev.shopset.watcher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.watcher.domain.Orphans;
import dev.shopset.watcher.kubernetes.PublishedDesiredState;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the compacted {@code shopset.desired} from its beginning to its current end (no consumer
 * group, nothing committed) and folds it into the last placement per ShopSet.
 */
@ApplicationScoped
public class DesiredTopicReader implements PublishedDesiredState {

  private static final Logger LOG = Logger.getLogger(DesiredTopicReader.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> settings = new HashMap<>();

  public DesiredTopicReader(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    kafka.forEach((key, value) -> {
      // Only client settings: the map also holds Quarkus' own kafka.* switches.
      if (ConsumerConfig.configNames().contains(key)) {
        settings.put(key, value);
      }
    });
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "watcher-service-desired-reader");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
  }

  @Override
  public Map<String, Orphans.Placement> read() {
    // One budget for the whole read: a broker that is down delays the first reconcile by it, once.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<String, Orphans.Placement> published = new HashMap<>();
    try (var consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.DESIRED, left(deadline)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, left(deadline));
      while (partitions.stream().anyMatch(p -> consumer.position(p, left(deadline)) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() == null) {
            continue;
          }
          if (record.value() == null) {
            Orphans.fold(published, record.key(), null, null);
            continue;
          }
          try {
            var event = EventCodec.decode(record.headers(), record.value());
            Orphans.fold(published, record.key(), event.id(), event.data());
          } catch (EventDecodingException e) {
            LOG.debugf("Skipping unreadable record %s of %s", record.offset(), Topics.DESIRED);
          }
        }
      }
    }
    return published;
  }

  /** What is left of the budget; once it is spent, Kafka's calls time out at once. */
  private static Duration left(long deadline) {
    long nanos = deadline - System.nanoTime();
    if (nanos <= 0) {
      throw new IllegalStateException("Reading " + Topics.DESIRED + " took over " + TIMEOUT);
    }
    return Duration.ofNanos(nanos);
  }
}
