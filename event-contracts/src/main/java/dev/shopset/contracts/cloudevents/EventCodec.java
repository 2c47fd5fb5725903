package dev.shopset.contracts.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shopset.contracts.EventType;
import dev.shopset.contracts.cloudevents.EventDecodingException.Problem;
import dev.shopset.contracts.events.ShopSetEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads and writes ShopSet events in CloudEvents 1.0 Kafka binary mode: attributes in {@code ce_*}
 * headers, the record as a JSON body. The JSON is deterministic (fixed property and map order), so
 * equal events give equal bytes and equal ids.
 */
public final class EventCodec {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";
  public static final String H_SPEC_VERSION = "ce_specversion";
  public static final String H_ID = "ce_id";
  public static final String H_SOURCE = "ce_source";
  public static final String H_TYPE = "ce_type";
  public static final String H_SUBJECT = "ce_subject";
  public static final String H_TIME = "ce_time";
  public static final String H_DATA_SCHEMA = "ce_dataschema";
  public static final String H_CONTENT_TYPE = "content-type";

  /** W3C traceparent of the CloudEvents distributed-tracing extension. */
  public static final String H_TRACEPARENT = "ce_traceparent";

  /** W3C tracestate of the CloudEvents distributed-tracing extension. */
  public static final String H_TRACESTATE = "ce_tracestate";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private EventCodec() {}

  /** The mapper behind the bodies, for callers that need the same JSON (e.g. schema tests). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** The JSON body of an event. */
  public static byte[] body(ShopSetEvent event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  /** A 32-hex-digit id derived from type, subject and body. */
  public static String contentId(EventType type, ShopSetEvent event) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(type.type().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(event.subject().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body(event));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Writes the CloudEvents headers of {@code event} and returns its body. */
  public static byte[] encode(CloudEvent<?> event, Headers headers) {
    set(headers, H_SPEC_VERSION, SPEC_VERSION);
    set(headers, H_ID, event.id());
    set(headers, H_SOURCE, event.source());
    set(headers, H_TYPE, event.type().type());
    if (event.subject() != null) {
      set(headers, H_SUBJECT, event.subject());
    }
    if (event.time() != null) {
      set(headers, H_TIME, event.time().toString());
    }
    set(headers, H_DATA_SCHEMA, event.type().schemaUri());
    set(headers, H_CONTENT_TYPE, CONTENT_TYPE);
    headers.remove(H_TRACEPARENT);
    headers.remove(H_TRACESTATE);
    if (event.trace() != null) {
      set(headers, H_TRACEPARENT, event.trace().traceparent());
      if (event.trace().tracestate() != null) {
        set(headers, H_TRACESTATE, event.trace().tracestate());
      }
    }
    return body(event.data());
  }

  /**
   * Reads an event from a record's headers and body: strict about the type (an unknown one raises
   * {@link Problem#UNKNOWN_TYPE}; {@link CloudEventDeserializer} can skip those instead), tolerant
   * of the optional attributes ({@code ce_time}, {@code ce_subject}, {@code ce_dataschema}, {@code
   * ce_traceparent}) being absent, and of a malformed {@code ce_traceparent} (ignored).
   *
   * @throws EventDecodingException when the record is not a ShopSet event this version can read
   */
  public static CloudEvent<ShopSetEvent> decode(Headers headers, byte[] body) {
    String specVersion = required(headers, H_SPEC_VERSION);
    if (!SPEC_VERSION.equals(specVersion)) {
      throw new EventDecodingException(
          Problem.UNSUPPORTED_SPEC_VERSION,
          "CloudEvents spec version '" + specVersion + "' is not supported (want 1.0)",
          null);
    }
    String typeName = required(headers, H_TYPE);
    EventType type =
        EventType.ofType(typeName)
            .orElseThrow(() ->
                new EventDecodingException(
                    Problem.UNKNOWN_TYPE,
                    "Unknown event type '" + typeName + "'; known: " + knownTypes(),
                    null));
    String contentType = value(headers, H_CONTENT_TYPE);
    if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
      throw new EventDecodingException(
          Problem.UNSUPPORTED_CONTENT_TYPE,
          "Content type '" + contentType + "' is not " + CONTENT_TYPE,
          null);
    }
    String id = required(headers, H_ID);
    String source = required(headers, H_SOURCE);
    Instant time = time(value(headers, H_TIME));
    ShopSetEvent data = data(type, body);
    return new CloudEvent<>(
        id, source, type, value(headers, H_SUBJECT), time, data, trace(headers));
  }

  private static ShopSetEvent data(EventType type, byte[] body) {
    if (body == null || body.length == 0) {
      throw new EventDecodingException(
          Problem.MALFORMED_BODY, type.type() + " record has an empty body", null);
    }
    try {
      return JSON.readValue(body, type.recordClass());
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new EventDecodingException(
          Problem.INVALID_BODY,
          type.type() + " body is invalid: " + cause.getMessage() + path(e),
          e);
    } catch (MismatchedInputException e) {
      throw new EventDecodingException(
          Problem.INVALID_BODY,
          type.type() + " body is invalid: " + e.getOriginalMessage() + path(e),
          e);
    } catch (IOException e) {
      throw new EventDecodingException(
          Problem.MALFORMED_BODY,
          type.type() + " body is not valid JSON: " + firstLine(e.getMessage()),
          e);
    }
  }

  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    String path = e.getPathReference();
    return path == null || path.isEmpty() ? "" : " (at " + path + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** {@code ce_time} is optional in CloudEvents: absent gives null; present, it must be valid. */
  private static Instant time(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new EventDecodingException(
          Problem.INVALID_HEADER, "Header ce_time is not an RFC 3339 time: '" + value + "'", e);
    }
  }

  /**
   * The trace context of a record ({@code ce_traceparent}, {@code ce_tracestate}), or null when it
   * has none or a malformed one (a new trace starts then; the record is still read).
   */
  public static TraceContext trace(Headers headers) {
    return TraceContext.parse(value(headers, H_TRACEPARENT), value(headers, H_TRACESTATE));
  }

  private static String knownTypes() {
    return String.join(
        ", ", java.util.Arrays.stream(EventType.values()).map(EventType::type).toList());
  }

  private static String required(Headers headers, String name) {
    String value = value(headers, name);
    if (value == null || value.isEmpty()) {
      throw new EventDecodingException(
          Problem.MISSING_HEADER,
          "Header " + name + " is missing: not a CloudEvents binary-mode record",
          null);
    }
    return value;
  }

  /** The last value of a header as UTF-8, or null. */
  public static String value(Headers headers, String name) {
    if (headers == null) {
      return null;
    }
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void set(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
