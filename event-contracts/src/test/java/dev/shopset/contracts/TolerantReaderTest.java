package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.CloudEventDeserializer;
import dev.shopset.contracts.cloudevents.CloudEventDeserializer.UnknownTypes;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.cloudevents.EventDecodingException.Problem;
import dev.shopset.contracts.events.ShopSetEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * A consumer keeps going past event types it does not know (when told to), and reads events that
 * leave out the optional CloudEvents attributes.
 */
class TolerantReaderTest {

  private static final String V9 = "dev.shopset.shopset-desired.v9";

  @Test
  void skipsAndCountsUnknownTypesWhenConfiguredTo() {
    var deserializer = new CloudEventDeserializer();
    deserializer.configure(Map.of(CloudEventDeserializer.UNKNOWN_TYPES_CONFIG, "skip"), false);

    assertThat(deserializer.deserialize("t", headersOfType(V9), "{}".getBytes())).isNull();
    assertThat(deserializer.deserialize("t", headersOfType(V9), "{}".getBytes())).isNull();
    assertThat(
            deserializer.deserialize(
                "t", headersOfType("dev.shopset.brand-new.v1"), "not even JSON".getBytes()))
        .isNull();

    assertThat(deserializer.skipped()).isEqualTo(3);
    assertThat(deserializer.skippedTypes())
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(Map.of(V9, 2L, "dev.shopset.brand-new.v1", 1L)));
  }

  @Test
  void stillReadsKnownTypesWhenSkippingUnknownOnes() {
    var deserializer = CloudEventDeserializer.skippingUnknownTypes();
    var event = CloudEvent.of("/test", EventSamples.of(EventType.COMMIT_PUSHED), EventSamples.T0);
    Headers headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);

    assertThat(deserializer.deserialize("t", headers, body)).isEqualTo(event);
    assertThat(deserializer.skipped()).isZero();
  }

  @Test
  void skippingDoesNotHideBrokenRecordsOfKnownTypes() {
    var deserializer = CloudEventDeserializer.skippingUnknownTypes();
    assertThatThrownBy(() ->
            deserializer.deserialize(
                "t", headersOfType(EventType.SHOPSET_DESIRED.type()), "{".getBytes()))
        .isInstanceOf(EventDecodingException.class)
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.MALFORMED_BODY);
  }

  @Test
  void failsOnUnknownTypesByDefault() {
    var deserializer = new CloudEventDeserializer();
    deserializer.configure(Map.of(), false);
    assertThat(deserializer.unknownTypes()).isEqualTo(UnknownTypes.FAIL);
    assertThatThrownBy(() -> deserializer.deserialize("t", headersOfType(V9), "{}".getBytes()))
        .isInstanceOf(EventDecodingException.class)
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.UNKNOWN_TYPE);
  }

  @Test
  void aMistypedSettingIsRefused() {
    assertThatThrownBy(() ->
            new CloudEventDeserializer()
                .configure(Map.of(CloudEventDeserializer.UNKNOWN_TYPES_CONFIG, "ignore"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("shopset.unknown-types")
        .hasMessageContaining("'skip' or 'fail'");
  }

  @Test
  void readsEventsWithoutTheOptionalAttributes() {
    var event = CloudEvent.of("/test", EventSamples.of(EventType.COMMIT_PUSHED), EventSamples.T0);
    Headers headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    headers.remove(EventCodec.H_TIME);
    headers.remove(EventCodec.H_SUBJECT);
    headers.remove(EventCodec.H_DATA_SCHEMA);
    headers.remove(EventCodec.H_CONTENT_TYPE);

    CloudEvent<ShopSetEvent> read = new CloudEventDeserializer().deserialize("t", headers, body);

    assertThat(read.time()).isNull();
    assertThat(read.subject()).isNull();
    assertThat(read.data()).isEqualTo(event.data());
    assertThat(read.id()).isEqualTo(event.id());
  }

  @Test
  void aTimeWithAnOffsetIsRead() {
    Headers headers = headersOfType(EventType.COMMIT_PUSHED.type());
    headers.remove(EventCodec.H_TIME);
    headers.add(EventCodec.H_TIME, "2026-11-23T11:15:30+01:00".getBytes(StandardCharsets.UTF_8));
    byte[] body = EventCodec.body(EventSamples.of(EventType.COMMIT_PUSHED));

    assertThat(new CloudEventDeserializer().deserialize("t", headers, body).time())
        .isEqualTo(EventSamples.T0);
  }

  @Test
  void aMalformedTimeIsReported() {
    Headers headers = headersOfType(EventType.COMMIT_PUSHED.type());
    headers.remove(EventCodec.H_TIME);
    headers.add(EventCodec.H_TIME, "yesterday".getBytes(StandardCharsets.UTF_8));
    byte[] body = EventCodec.body(EventSamples.of(EventType.COMMIT_PUSHED));

    assertThatThrownBy(() -> new CloudEventDeserializer().deserialize("t", headers, body))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("ce_time")
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.INVALID_HEADER);
  }

  @Test
  void anEventWithoutTimeIsWrittenWithoutTheHeader() {
    var data = EventSamples.of(EventType.SOURCE_CHANGED);
    Headers headers = new RecordHeaders();
    EventCodec.encode(CloudEvent.of("/test", data, null), headers);
    assertThat(headers.lastHeader(EventCodec.H_TIME)).isNull();
  }

  /** The headers of a sample record, then {@code ce_type} replaced. */
  private static Headers headersOfType(String type) {
    Headers headers = new RecordHeaders();
    EventCodec.encode(
        CloudEvent.of("/test", EventSamples.of(EventType.SHOPSET_DESIRED), EventSamples.T0),
        headers);
    headers.remove(EventCodec.H_TYPE);
    headers.add(EventCodec.H_TYPE, type.getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
