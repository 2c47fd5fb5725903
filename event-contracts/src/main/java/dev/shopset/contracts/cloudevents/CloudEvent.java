package dev.shopset.contracts.cloudevents;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.events.ShopSetEvent;
import java.time.Instant;

/**
 * A ShopSet event with its CloudEvents 1.0 attributes, as carried in Kafka binary mode ({@code
 * ce_*} headers, JSON body).
 *
 * @param id unique per distinct event: a repeat of the same content has the same id
 * @param source the producing service, e.g. {@code /shopset/watcher}
 * @param subject what the event is about; null when the record did not say
 * @param time when it was produced; null when the record did not say ({@code ce_time} is optional
 *     in CloudEvents; ShopSet's services always set it)
 * @param trace the trace the event belongs to ({@code ce_traceparent}, {@code ce_tracestate}: the
 *     CloudEvents distributed-tracing extension); null when it carries none. Not part of the id: a
 *     repeat of the same content in another trace is still a repeat
 */
public record CloudEvent<T extends ShopSetEvent>(
    String id,
    String source,
    EventType type,
    String subject,
    Instant time,
    T data,
    TraceContext trace) {

  public CloudEvent {
    if (id == null || source == null || type == null || data == null) {
      throw new IllegalArgumentException("id, source, type and data are required");
    }
    if (!type.recordClass().isInstance(data)) {
      throw new IllegalArgumentException(
          type.type() + " cannot carry " + data.getClass().getName());
    }
  }

  /** An event that carries no trace context. */
  public CloudEvent(
      String id, String source, EventType type, String subject, Instant time, T data) {
    this(id, source, type, subject, time, data, null);
  }

  /** This event in the trace {@code trace} (null: in none). */
  public CloudEvent<T> withTrace(TraceContext trace) {
    return new CloudEvent<>(id, source, type, subject, time, data, trace);
  }

  /** The event with a content-derived id, so the same content always gets the same id. */
  public static <T extends ShopSetEvent> CloudEvent<T> of(String source, T data, Instant time) {
    EventType type = EventType.of(data);
    return new CloudEvent<>(
        EventCodec.contentId(type, data), source, type, data.subject(), time, data);
  }

  /** The Kafka record key. */
  public String key() {
    return data.key();
  }
}
