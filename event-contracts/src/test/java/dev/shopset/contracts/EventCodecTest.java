package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.CloudEventDeserializer;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.cloudevents.EventDecodingException.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

  private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void roundTripsEveryType(EventType type) {
    var event = CloudEvent.of("/shopset/test", EventSamples.of(type), EventSamples.T0);
    Headers headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);

    assertThat(deserializer.deserialize("t", headers, body)).isEqualTo(event);
  }

  @Test
  void sameContentSameIdAndBytes() {
    var first = CloudEvent.of("/a", EventSamples.desired(), Instant.now());
    var second = CloudEvent.of("/b", EventSamples.desired(), Instant.now().plusSeconds(60));
    assertThat(first.id()).isEqualTo(second.id()).hasSize(32);
    assertThat(EventCodec.body(first.data())).isEqualTo(EventCodec.body(second.data()));
  }

  @Test
  void differentContentDifferentId() {
    var desired = EventSamples.desired();
    var changed =
        new dev.shopset.contracts.events.ShopSetDesired(
            desired.namespace(),
            desired.name(),
            desired.generation() + 1,
            desired.annotations(),
            desired.spec(),
            desired.tier(),
            desired.configuration());
    assertThat(CloudEvent.of("/a", changed, EventSamples.T0).id())
        .isNotEqualTo(CloudEvent.of("/a", desired, EventSamples.T0).id());
  }

  @Test
  void brokenBodyIsReportedAsMalformed() {
    Headers headers = headersFor(EventType.SHOPSET_DESIRED);
    assertThatThrownBy(() ->
            deserializer.deserialize(
                "t", headers, "{\"namespace\": \"a\", ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("not valid JSON")
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.MALFORMED_BODY);
  }

  @Test
  void missingRequiredFieldIsNamed() {
    Headers headers = headersFor(EventType.SHOPSET_DELETED);
    assertThatThrownBy(() ->
            deserializer.deserialize(
                "t",
                headers,
                "{\"namespace\":\"a\",\"systemRepository\":\"r\",\"branch\":\"b\"}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("name is required")
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.INVALID_BODY);
  }

  @Test
  void wrongFieldTypeIsInvalid() {
    Headers headers = headersFor(EventType.RENDER_RESULT);
    assertThatThrownBy(() ->
            deserializer.deserialize(
                "t", headers, "{\"generation\":\"seven\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.INVALID_BODY);
  }

  @Test
  void unknownTypeIsReportedAsSuch() {
    Headers headers = headersFor(EventType.SHOPSET_DESIRED);
    headers.remove(EventCodec.H_TYPE);
    headers.add(
        EventCodec.H_TYPE, "dev.shopset.shopset-desired.v9".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> deserializer.deserialize("t", headers, "{}".getBytes()))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("Unknown event type 'dev.shopset.shopset-desired.v9'")
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.UNKNOWN_TYPE);
  }

  @Test
  void recordWithoutCloudEventsHeadersIsReported() {
    assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), "{}".getBytes()))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("ce_specversion")
        .extracting(e -> ((EventDecodingException) e).problem())
        .isEqualTo(Problem.MISSING_HEADER);
  }

  @Test
  void tombstoneIsNull() {
    assertThat(deserializer.deserialize("t", headersFor(EventType.SHOPSET_DESIRED), (byte[]) null))
        .isNull();
  }

  private static Headers headersFor(EventType type) {
    Headers headers = new RecordHeaders();
    EventCodec.encode(CloudEvent.of("/test", EventSamples.of(type), EventSamples.T0), headers);
    return headers;
  }
}
