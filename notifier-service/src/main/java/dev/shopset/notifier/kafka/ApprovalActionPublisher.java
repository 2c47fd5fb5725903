package dev.shopset.notifier.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.notifier.domain.ApprovalActionSink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes approval-action-requested events (CloudEvents binary mode) to {@code shopset.approvals},
 * keyed {@code namespace/promotion}, and returns once the broker has them (acks=all, idempotent).
 */
public final class ApprovalActionPublisher implements ApprovalActionSink, AutoCloseable {

  /** A Slack click must be answered within 3 s; a write that takes longer is reported failed. */
  private static final Duration SEND_TIMEOUT = Duration.ofMillis(2500);

  private final KafkaProducer<String, byte[]> producer;
  private final String source;

  public ApprovalActionPublisher(Map<String, ?> kafka, String source) {
    Map<String, Object> settings = new HashMap<>();
    kafka.forEach((key, value) -> {
      // Only client settings: the map also holds Quarkus' own kafka.* switches.
      if (ProducerConfig.configNames().contains(key)) {
        settings.put(key, value);
      }
    });
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "notifier-approval-actions");
    this.producer =
        new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    this.source = source;
  }

  @Override
  public void publish(ApprovalActionRequested action) {
    CloudEvent<ApprovalActionRequested> event = CloudEvent.of(source, action, Instant.now());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    try {
      producer
          .send(new ProducerRecord<>(event.type().topic(), null, event.key(), body, headers))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing to " + event.type().topic(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not publish to " + event.type().topic() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
