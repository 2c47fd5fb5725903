package dev.shopset.examples.consumer;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import org.apache.kafka.common.header.Headers;

/** One line of text per record: where it is, then what it is. */
final class EventLine {

  private EventLine() {}

  static String event(String topic, int partition, long offset, CloudEvent<ShopSetEvent> event) {
    return "%s %s %s%s"
        .formatted(
            where(topic, partition, offset),
            event.type().type(),
            event.subject() == null ? event.key() : event.subject(),
            event.time() == null ? "" : " at " + event.time());
  }

  static String tombstone(String topic, int partition, long offset, String key) {
    return "%s tombstone %s".formatted(where(topic, partition, offset), key);
  }

  static String skipped(String topic, int partition, long offset, String type) {
    return "%s skipped %s (a type this library does not know)"
        .formatted(where(topic, partition, offset), type);
  }

  static String deadLetter(String topic, int partition, long offset, String key, Headers headers) {
    String type = EventCodec.value(headers, EventCodec.H_TYPE);
    String omitted = EventCodec.value(headers, "dead-letter-value-omitted");
    return "%s dead letter %s key %s: %s%s"
        .formatted(
            where(topic, partition, offset),
            type == null ? "(no ce_type)" : type,
            key,
            EventCodec.value(headers, Topics.DEAD_LETTER_REASON),
            omitted == null ? "" : " (value omitted: " + omitted + ")");
  }

  static String unreadable(String topic, int partition, long offset, String why) {
    return "%s UNREADABLE %s".formatted(where(topic, partition, offset), why);
  }

  private static String where(String topic, int partition, long offset) {
    return "%s[%d]@%d".formatted(topic, partition, offset);
  }
}
