package dev.shopset.renderer.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.renderer.RendererConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes render results on {@code shopset.renders} (keyed {@code systemRepository#branch}) and
 * unrenderable records on {@code shopset.desired.dlq} with the reason in a header. Each returned
 * Uni completes only when the broker has acknowledged the record.
 */
@ApplicationScoped
public class RenderPublisher {

  /**
   * Header naming the kind of problem, e.g. {@code UNKNOWN_TYPE} or {@code InvalidDesiredState}.
   */
  public static final String DEAD_LETTER_PROBLEM = "dead-letter-problem";

  private final MutinyEmitter<byte[]> renders;
  private final MutinyEmitter<byte[]> deadLetters;
  private final String source;

  public RenderPublisher(
      // A whole poll (max.poll.records, 500) is sent at once: room for two.
      @Channel("renders") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
          MutinyEmitter<byte[]> renders,
      @Channel("desired-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
          MutinyEmitter<byte[]> deadLetters,
      RendererConfig config) {
    this.renders = renders;
    this.deadLetters = deadLetters;
    this.source = config.source();
  }

  /** Sends {@code event} as a CloudEvent in binary mode. */
  public Uni<Void> publish(RenderEvent event) {
    CloudEvent<RenderEvent> cloudEvent = CloudEvent.of(source, event, Instant.now());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(cloudEvent, headers);
    return renders.sendMessage(message(body, cloudEvent.key(), headers));
  }

  /** Copies {@code record} (key, value, headers) to the dead-letter topic with why. */
  public Uni<Void> deadLetter(
      ConsumerRecord<String, byte[]> record, String problem, String reason) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    headers.add(Topics.DEAD_LETTER_REASON, bytes(reason));
    headers.add(DEAD_LETTER_PROBLEM, bytes(problem));
    headers.add("dead-letter-topic", bytes(record.topic()));
    headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
    headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
    return deadLetters.sendMessage(message(record.value(), record.key(), headers));
  }

  private static Message<byte[]> message(byte[] body, String key, RecordHeaders headers) {
    return Message.of(body)
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build());
  }

  private static byte[] bytes(String value) {
    return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
  }
}
