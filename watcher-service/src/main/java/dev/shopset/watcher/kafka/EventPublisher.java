package dev.shopset.watcher.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.tracing.TraceContexts;
import dev.shopset.watcher.WatcherConfig;
import dev.shopset.watcher.WatcherMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Writes events (CloudEvents binary mode) and tombstones to {@code shopset.desired}, {@code
 * shopset.rollouts} and {@code shopset.promotions}, waiting until the broker has them, so the
 * caller records an event as published only when it is.
 */
@ApplicationScoped
public class EventPublisher {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<String, byte[]> producer;
  private final WatcherConfig config;
  private final WatcherMetrics metrics;

  public EventPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      WatcherConfig config,
      WatcherMetrics metrics) {
    Map<String, Object> settings = new HashMap<>();
    kafka.forEach((key, value) -> {
      // Only client settings: the map also holds Quarkus' own kafka.* switches.
      if (ProducerConfig.configNames().contains(key)) {
        settings.put(key, value);
      }
    });
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "watcher-service-events");
    this.producer =
        new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * Publishes {@code data} as a CloudEvent with a content-derived id, in the trace of the current
   * span ({@code ce_traceparent}); returns that event.
   */
  public <T extends ShopSetEvent> CloudEvent<T> publish(T data) {
    CloudEvent<T> event =
        CloudEvent.of(config.source(), data, Instant.now()).withTrace(TraceContexts.current());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    send(new ProducerRecord<>(event.type().topic(), null, event.key(), body, headers));
    metrics.emitted(event.type().type());
    return event;
  }

  /** Writes a tombstone so compaction drops {@code key} from {@code topic}. */
  public void tombstone(String topic, String key) {
    send(new ProducerRecord<>(topic, key, null));
    metrics.emitted("tombstone");
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("Interrupted while publishing to " + record.topic(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishException("Could not publish to " + record.topic() + ": " + e, e);
    }
  }

  @PreDestroy
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** A record could not be written; retryable (the broker may come back). */
  public static class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
