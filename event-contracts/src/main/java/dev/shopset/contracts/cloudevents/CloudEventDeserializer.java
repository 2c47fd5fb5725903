package dev.shopset.contracts.cloudevents;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.events.ShopSetEvent;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for {@link CloudEvent}s in binary mode. A tombstone (null body) gives null; a
 * record it cannot read raises an {@link EventDecodingException} saying why.
 *
 * <p>An event type this version of the library does not know (a {@code v2} published beside {@code
 * v1}, a type added after this release) fails by default. A consumer that should keep going sets
 * {@value #UNKNOWN_TYPES_CONFIG}{@code =skip} (or uses {@link #skippingUnknownTypes()}): such a
 * record then gives null, like a tombstone, and is counted in {@link #skippedTypes()}. The optional
 * CloudEvents attributes ({@code ce_time}, {@code ce_subject}, {@code ce_dataschema}) may be
 * missing in either mode.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent<ShopSetEvent>> {

  /** Consumer setting: {@code fail} (the default) or {@code skip} records of unknown types. */
  public static final String UNKNOWN_TYPES_CONFIG = "shopset.unknown-types";

  /** What to do with a record whose {@code ce_type} this library does not know. */
  public enum UnknownTypes {
    /**
     * Raise an {@link EventDecodingException} with {@link
     * EventDecodingException.Problem#UNKNOWN_TYPE}.
     */
    FAIL,
    /** Return null and count it. */
    SKIP
  }

  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
  private volatile UnknownTypes unknownTypes;

  /** Fails on unknown types unless configured with {@value #UNKNOWN_TYPES_CONFIG}. */
  public CloudEventDeserializer() {
    this(UnknownTypes.FAIL);
  }

  public CloudEventDeserializer(UnknownTypes unknownTypes) {
    this.unknownTypes = unknownTypes;
  }

  /** A deserializer that skips and counts records of unknown types: what a consumer should use. */
  public static CloudEventDeserializer skippingUnknownTypes() {
    return new CloudEventDeserializer(UnknownTypes.SKIP);
  }

  /**
   * Reads {@value #UNKNOWN_TYPES_CONFIG} when Kafka creates the deserializer from its class name.
   * (An instance handed to the {@code KafkaConsumer} constructor is not configured by Kafka: pass
   * the mode to the constructor instead.)
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object value = configs.get(UNKNOWN_TYPES_CONFIG);
    if (value == null) {
      return;
    }
    try {
      unknownTypes = UnknownTypes.valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(UNKNOWN_TYPES_CONFIG, value, "must be 'skip' or 'fail'");
    }
  }

  @Override
  public CloudEvent<ShopSetEvent> deserialize(String topic, byte[] data) {
    return deserialize(topic, new RecordHeaders(), data);
  }

  @Override
  public CloudEvent<ShopSetEvent> deserialize(String topic, Headers headers, byte[] data) {
    if (data == null) {
      return null;
    }
    if (unknownTypes == UnknownTypes.SKIP) {
      String type = EventCodec.value(headers, EventCodec.H_TYPE);
      if (type != null && !type.isEmpty() && EventType.ofType(type).isEmpty()) {
        skipped.computeIfAbsent(type, t -> new LongAdder()).increment();
        return null;
      }
    }
    return EventCodec.decode(headers, data);
  }

  /** How this deserializer treats unknown types. */
  public UnknownTypes unknownTypes() {
    return unknownTypes;
  }

  /** Records skipped so far because their type is unknown, by {@code ce_type}. */
  public Map<String, Long> skippedTypes() {
    Map<String, Long> counts = new TreeMap<>();
    skipped.forEach((type, count) -> counts.put(type, count.sum()));
    return counts;
  }

  /** How many records were skipped so far because their type is unknown. */
  public long skipped() {
    return skipped.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
