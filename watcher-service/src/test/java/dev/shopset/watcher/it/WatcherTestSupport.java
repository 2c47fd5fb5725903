package dev.shopset.watcher.it;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes test records as the other services would. */
public final class WatcherTestSupport {
  private WatcherTestSupport() {}

  /** Publishes {@code data} as a CloudEvent (binary mode) from {@code source}. */
  public static void publish(String source, ShopSetEvent data) {
    CloudEvent<ShopSetEvent> event = CloudEvent.of(source, data, java.time.Instant.now());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    send(new ProducerRecord<>(event.type().topic(), null, event.key(), body, headers));
  }

  /** Publishes raw bytes without CloudEvents headers. */
  public static void publishRaw(String topic, String key, byte[] body) {
    send(new ProducerRecord<>(topic, key, body));
  }

  private static void send(ProducerRecord<String, byte[]> record) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish test record", e);
    }
  }
}
