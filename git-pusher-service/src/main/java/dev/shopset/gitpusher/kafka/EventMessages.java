package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Typed decoding of incoming records: the event, or why the record is refused. */
final class EventMessages {

  private EventMessages() {}

  /** A record that cannot be handled; its message becomes the dead-letter reason. */
  static final class Refused extends Exception {
    Refused(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  /**
   * The event of {@code message} as {@code type}.
   *
   * @throws Refused when the record is no CloudEvent of ours or of another type
   */
  static <T extends ShopSetEvent> T decode(Message<byte[]> message, Class<T> type, String topic)
      throws Refused {
    return type.cast(decodeEvent(message, type, topic).data());
  }

  /**
   * The CloudEvent of {@code message} (attributes, trace context), its data a {@code type}.
   *
   * @throws Refused when the record is no CloudEvent of ours or of another type
   */
  static CloudEvent<ShopSetEvent> decodeEvent(
      Message<byte[]> message, Class<? extends ShopSetEvent> type, String topic) throws Refused {
    Headers headers =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(IncomingKafkaRecordMetadata::getHeaders)
            .orElse(null);
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventCodec.decode(headers, message.getPayload());
    } catch (EventDecodingException e) {
      throw new Refused(e.getMessage(), e);
    }
    if (!type.isInstance(event.data())) {
      throw new Refused(event.type().type() + " does not belong on " + topic, null);
    }
    return event;
  }

  /**
   * The span of handling {@code event} from {@code topic} ({@code <topic> receive}), in the trace
   * the event carries ({@code ce_traceparent}); add what it is about, then start it.
   */
  static Traced.Builder receiveSpan(Tracer tracer, CloudEvent<?> event, String topic) {
    return Traced.span(tracer, topic + " receive")
        .kind(SpanKind.CONSUMER)
        .parent(event.trace())
        .eventId(event.id())
        .attribute("cloudevents.event_type", event.type().type())
        .attribute("messaging.system", "kafka")
        .attribute("messaging.destination.name", topic);
  }
}
