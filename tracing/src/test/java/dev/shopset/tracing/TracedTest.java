package dev.shopset.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.cloudevents.TraceContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedTest {

  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aSpanContinuesTheTraceOfTheEventItHandlesAndTheNextEventCarriesIt() {
    TraceContext sent;
    try (Traced step =
        Traced.span(tracer, "render")
            .parent(TraceContext.parse(PARENT, "vendor=x"))
            .shopSet("shops-eu", "eu-small")
            .eventId("e1")
            .start()) {
      sent = TraceContexts.current();
      assertThat(sent).isEqualTo(step.traceContext());
    }
    SpanData span = exported.getFinishedSpanItems().getFirst();
    assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(span.getAttributes().get(Traced.NAMESPACE)).isEqualTo("shops-eu");
    assertThat(span.getAttributes().get(Traced.NAME)).isEqualTo("eu-small");
    assertThat(span.getAttributes().get(Traced.EVENT_ID)).isEqualTo("e1");
    assertThat(sent.traceId()).isEqualTo(span.getTraceId());
    assertThat(sent.spanId()).isEqualTo(span.getSpanId());
    assertThat(sent.tracestate()).isEqualTo("vendor=x");
    assertThat(TraceContexts.current()).as("nothing current after close").isNull();
  }

  @Test
  void withoutATraceContextANewTraceStartsAndLinksPointAtOtherTraces() {
    String other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    try (Traced step =
        Traced.span(tracer, "commit").parent(null).link(TraceContext.parse(other, null)).start()) {
      assertThat(step.traceContext()).isNotNull();
    }
    SpanData span = exported.getFinishedSpanItems().getFirst();
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getTraceId()).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.getLinks())
        .singleElement()
        .satisfies(link -> {
          assertThat(link.getSpanContext().getTraceId())
              .isEqualTo("0af7651916cd43dd8448eb211c80319c");
          assertThat(link.getSpanContext().getSpanId()).isEqualTo("b7ad6b7169203331");
        });
  }

  @Test
  void logLinesInASpanCarryTheShopSetEventAndTraceAndNestedScopesRestore() {
    MDC.put(LogFields.SHOPSET, "outer/one");
    try {
      try (Traced step =
          Traced.span(tracer, "status")
              .parent(TraceContext.parse(PARENT, null))
              .shopSet("shops-eu", "eu-small")
              .eventId("e2")
              .start()) {
        assertThat(MDC.get(LogFields.SHOPSET)).isEqualTo("shops-eu/eu-small");
        assertThat(MDC.get(LogFields.EVENT_ID)).isEqualTo("e2");
        assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MDC.get(LogFields.SPAN_ID)).isEqualTo(step.span().getSpanContext().getSpanId());
      }
      assertThat(MDC.get(LogFields.SHOPSET)).isEqualTo("outer/one");
      assertThat(MDC.get(LogFields.EVENT_ID)).isNull();
      assertThat(MDC.get(LogFields.TRACE_ID)).isNull();
    } finally {
      MDC.remove(LogFields.SHOPSET);
    }
  }
}
