package dev.shopset.renderer.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.renderer.config.RendererConfig;
import dev.shopset.tracing.TraceContexts;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes render results on {@code shopset.renders} (keyed {@code systemRepository#branch}),
 * refusals on {@code shopset.commits} (same key) and unrenderable records on {@code
 * shopset.desired.dlq} with the reason in a header. Each returned Uni completes only when the
 * broker has acknowledged the record.
 */
@ApplicationScoped
public class RenderPublisher {

  /**
   * Header naming the kind of problem, e.g. {@code UNKNOWN_TYPE} or {@code InvalidDesiredState}.
   */
  public static final String DEAD_LETTER_PROBLEM = "dead-letter-problem";

  /** Header of a dead letter whose value was left out because it would not fit in a record. */
  public static final String DEAD_LETTER_VALUE_OMITTED = "dead-letter-value-omitted";

  private final MutinyEmitter<byte[]> renders;
  private final MutinyEmitter<byte[]> refusals;
  private final MutinyEmitter<byte[]> deadLetters;
  private final String source;
  private final int maxRecordBytes;

  public RenderPublisher(
      // A whole poll (max.poll.records, 500) is sent at once: room for two.
      @Channel("renders") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
          MutinyEmitter<byte[]> renders,
      @Channel("render-refusals") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
          MutinyEmitter<byte[]> refusals,
      @Channel("desired-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
          MutinyEmitter<byte[]> deadLetters,
      RendererConfig config) {
    this.renders = renders;
    this.refusals = refusals;
    this.deadLetters = deadLetters;
    this.source = config.source();
    this.maxRecordBytes = config.maxRecordBytes();
  }

  /** {@code event} as the record it would be sent as, so its size can be checked first. */
  public Encoded encode(RenderEvent event) {
    return encoded(event);
  }

  /** Sends an encoded render on {@code shopset.renders}. */
  public Uni<Void> publish(Encoded render) {
    return renders.sendMessage(message(render.body(), render.key(), render.headers()));
  }

  /** Sends {@code refusal} on {@code shopset.commits}, for the ShopSet's status. */
  public Uni<Void> refuse(RenderRefused refusal) {
    Encoded record = encoded(refusal);
    return refusals.sendMessage(message(record.body(), record.key(), record.headers()));
  }

  /**
   * Copies {@code record} (key, value, headers) to the dead-letter topic with why. A value that
   * would not fit in a record with the added headers is left out (header {@value
   * #DEAD_LETTER_VALUE_OMITTED} says so), so a dead letter can always be sent.
   */
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
    byte[] value = record.value();
    if (value != null && size(record.key(), value, headers) > maxRecordBytes) {
      headers.add(
          DEAD_LETTER_VALUE_OMITTED,
          bytes(value.length + " bytes, over shopset.renderer.max-record-bytes " + maxRecordBytes));
      value = null;
    }
    return deadLetters.sendMessage(message(value, record.key(), headers));
  }

  /** A CloudEvent in binary mode: key, JSON body and {@code ce_*} headers. */
  public record Encoded(String key, byte[] body, RecordHeaders headers) {
    /** What the record weighs against a size limit: key, value and header bytes. */
    public long size() {
      return RenderPublisher.size(key, body, headers);
    }
  }

  private Encoded encoded(ShopSetEvent event) {
    // In the trace of the span current now (the render's): ce_traceparent.
    CloudEvent<ShopSetEvent> cloudEvent =
        CloudEvent.of(source, event, Instant.now()).withTrace(TraceContexts.current());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(cloudEvent, headers);
    return new Encoded(cloudEvent.key(), body, headers);
  }

  static long size(String key, byte[] value, Headers headers) {
    long size = (key == null ? 0 : bytes(key).length) + (value == null ? 0 : value.length);
    for (Header header : headers) {
      size += bytes(header.key()).length + (header.value() == null ? 0 : header.value().length);
    }
    return size;
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
