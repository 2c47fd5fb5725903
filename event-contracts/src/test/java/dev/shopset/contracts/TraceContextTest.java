package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.CloudEventDeserializer;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.TraceContext;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceContextTest {

  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void traceContextTravelsAsCloudEventsTracingExtensionHeaders() {
    var event =
        CloudEvent.of("/shopset/test", EventSamples.desired(), EventSamples.T0)
            .withTrace(new TraceContext(PARENT, "vendor=abc"));
    Headers headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);

    assertThat(EventCodec.value(headers, "ce_traceparent")).isEqualTo(PARENT);
    assertThat(EventCodec.value(headers, "ce_tracestate")).isEqualTo("vendor=abc");
    var read = new CloudEventDeserializer().deserialize("t", headers, body);
    assertThat(read).isEqualTo(event);
    assertThat(read.trace().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(read.trace().spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(read.trace().sampled()).isTrue();
  }

  @Test
  void traceIsNotPartOfTheIdSoARepeatInAnotherTraceIsStillARepeat() {
    var plain = CloudEvent.of("/a", EventSamples.desired(), EventSamples.T0);
    var traced = plain.withTrace(new TraceContext(PARENT, null));
    assertThat(traced.id()).isEqualTo(plain.id());
  }

  @Test
  void anEventWithoutTraceWritesNoTraceHeadersAndOverwritesStaleOnes() {
    Headers headers = new RecordHeaders();
    headers.add("ce_traceparent", PARENT.getBytes(StandardCharsets.UTF_8));
    byte[] body =
        EventCodec.encode(CloudEvent.of("/a", EventSamples.desired(), EventSamples.T0), headers);
    assertThat(headers.lastHeader("ce_traceparent")).isNull();
    assertThat(EventCodec.decode(headers, body).trace()).isNull();
  }

  @Test
  void aMalformedTraceparentIsIgnoredNotARefusal() {
    var event = CloudEvent.of("/a", EventSamples.desired(), EventSamples.T0);
    for (String bad :
        new String[] {
          "garbage",
          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"
        }) {
      Headers headers = new RecordHeaders();
      byte[] body = EventCodec.encode(event, headers);
      headers.add("ce_traceparent", bad.getBytes(StandardCharsets.UTF_8));
      assertThat(EventCodec.decode(headers, body).trace()).as(bad).isNull();
      assertThat(EventCodec.decode(headers, body).data()).isEqualTo(event.data());
    }
    assertThatThrownBy(() -> new TraceContext("garbage", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
