package dev.shopset.tracing;

import dev.shopset.contracts.cloudevents.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * Between an event's trace context ({@code ce_traceparent}, {@code ce_tracestate}) and
 * OpenTelemetry's: the W3C propagator does the reading and writing, so tracestate and flags travel
 * as the standard says.
 */
public final class TraceContexts {

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final String TRACEPARENT = "traceparent";
  private static final String TRACESTATE = "tracestate";

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceContexts() {}

  /** The trace context of the span current on this thread; null when there is none. */
  public static TraceContext current() {
    return of(Span.current().getSpanContext());
  }

  /** {@code span} as an event's trace context; null when it is no valid span. */
  public static TraceContext of(SpanContext span) {
    if (span == null || !span.isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
    return TraceContext.parse(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
  }

  /** The remote span an event was sent from; invalid when {@code trace} is null. */
  public static SpanContext spanContext(TraceContext trace) {
    return Span.fromContext(parent(trace)).getSpanContext();
  }

  /** A context whose parent is the span an event was sent from (the root when it has none). */
  public static Context parent(TraceContext trace) {
    if (trace == null) {
      return Context.root();
    }
    Map<String, String> carrier = new HashMap<>();
    carrier.put(TRACEPARENT, trace.traceparent());
    if (trace.tracestate() != null) {
      carrier.put(TRACESTATE, trace.tracestate());
    }
    return W3C.extract(Context.root(), carrier, GETTER);
  }
}
