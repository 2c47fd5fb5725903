package dev.shopset.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.contracts.cloudevents.TraceContext;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.quarkus.logging.json.runtime.JsonFormatter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * A log line written while a change is handled, formatted as the services' cluster profile writes
 * it (quarkus-logging-json), carries the ShopSet, the event id and the trace id.
 */
class JsonLogLineTest {

  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aJsonLogLineInASpanNamesTheShopSetTheEventAndTheTrace() throws Exception {
    String line;
    String spanId;
    try (SdkTracerProvider provider = SdkTracerProvider.builder().build();
        Traced step =
            Traced.span(provider.get("test"), "render")
                .parent(TraceContext.parse(PARENT, null))
                .shopSet("shops-eu", "eu-small")
                .eventId("0123456789abcdef0123456789abcdef")
                .start()) {
      spanId = step.span().getSpanContext().getSpanId();
      line = format("Rendered eu-small");
    }
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("message").asText()).isEqualTo("Rendered eu-small");
    JsonNode mdc = json.path("mdc");
    assertThat(mdc.path("shopset").asText()).isEqualTo("shops-eu/eu-small");
    assertThat(mdc.path("eventId").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(mdc.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(mdc.path("spanId").asText()).isEqualTo(spanId);

    JsonNode after = new ObjectMapper().readTree(format("Idle"));
    assertThat(after.path("mdc").has("traceId")).as("no trace outside the span").isFalse();
    assertThat(after.path("mdc").has("shopset")).isFalse();
  }

  private static String format(String message) {
    ExtLogRecord record =
        new ExtLogRecord(
            Level.INFO,
            message,
            ExtLogRecord.FormatStyle.NO_FORMAT,
            JsonLogLineTest.class.getName());
    record.copyMdc();
    return new JsonFormatter().format(record);
  }
}
