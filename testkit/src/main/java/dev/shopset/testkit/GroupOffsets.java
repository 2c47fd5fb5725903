package dev.shopset.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * What a consumer group has committed: a barrier for "the service has handled (and acknowledged)
 * every record written so far", after which what it would have done is done.
 */
public final class GroupOffsets {

  private GroupOffsets() {}

  /**
   * Waits until {@code group} has committed, on every partition of {@code topic}, at least the end
   * offset the partition had when called.
   */
  public static void awaitCommittedToEnd(
      Map<String, ?> clientSettings, String group, String topic, Duration timeout) {
    Map<TopicPartition, Long> ends = endOffsets(clientSettings, topic);
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          Map<TopicPartition, OffsetAndMetadata> committed = committed(clientSettings, group);
          return ends.entrySet().stream()
              .allMatch(e -> {
                OffsetAndMetadata offset = committed.get(e.getKey());
                return e.getValue() == 0 || (offset != null && offset.offset() >= e.getValue());
              });
        });
  }

  /** The offsets {@code group} has committed, by partition. */
  public static Map<TopicPartition, OffsetAndMetadata> committed(
      Map<String, ?> clientSettings, String group) {
    try (Admin admin = Admin.create(new HashMap<String, Object>(clientSettings))) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not read the offsets of group " + group, e);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Map<String, ?> clientSettings, String topic) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "ends-" + UUID.randomUUID());
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }
  }
}
