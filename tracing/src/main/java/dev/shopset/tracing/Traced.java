package dev.shopset.tracing;

import dev.shopset.contracts.cloudevents.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A span that is current on this thread, with the ShopSet, the event id and the trace id in the
 * logging MDC, until closed. Events published meanwhile carry it as their {@code ce_traceparent}
 * ({@link TraceContexts#current()}).
 *
 * <pre>{@code
 * try (Traced step = Traced.span(tracer, "render").parent(event.trace()).shopSet(ns, name)
 *     .eventId(event.id()).start()) {
 *   ...
 * }
 * }</pre>
 */
public final class Traced implements AutoCloseable {

  /** Attribute: the ShopSet's namespace. */
  public static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("shopset.namespace");

  /** Attribute: the ShopSet's name. */
  public static final AttributeKey<String> NAME = AttributeKey.stringKey("shopset.name");

  /** Attribute: the id of the event handled or sent ({@code ce_id}). */
  public static final AttributeKey<String> EVENT_ID =
      AttributeKey.stringKey("cloudevents.event_id");

  /** Attribute: the type of that event ({@code ce_type}). */
  public static final AttributeKey<String> EVENT_TYPE =
      AttributeKey.stringKey("cloudevents.event_type");

  private final Span span;
  private final Scope scope;
  private final Deque<LogFields> log = new ArrayDeque<>();

  private Traced(Span span, Map<String, String> fields) {
    this.span = span;
    this.scope = span.makeCurrent();
    Map<String, String> all = new LinkedHashMap<>(fields);
    SpanContext context = span.getSpanContext();
    if (context.isValid()) {
      all.put(LogFields.TRACE_ID, context.getTraceId());
      all.put(LogFields.SPAN_ID, context.getSpanId());
    }
    this.log.push(LogFields.put(all));
  }

  /** A span to start, named {@code name}. */
  public static Builder span(Tracer tracer, String name) {
    return new Builder(tracer, name);
  }

  public Span span() {
    return span;
  }

  /** This span as an event's trace context (null when tracing is off). */
  public TraceContext traceContext() {
    return TraceContexts.of(span.getSpanContext());
  }

  /**
   * The event this span turned out to be about (known only once published): an attribute of the
   * span and a field of the log lines written from now until close.
   */
  public void eventId(String id) {
    if (id != null) {
      span.setAttribute(EVENT_ID, id);
      log.push(LogFields.put(LogFields.EVENT_ID, id));
    }
  }

  /** Another attribute of the span (nothing when {@code value} is null). */
  public void attribute(String key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  /** Marks the span failed with {@code error}; it still ends on close. */
  public void failed(Throwable error) {
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
  }

  /** Marks the span failed with a reason (a refusal, not an exception). */
  public void failed(String reason) {
    span.setStatus(StatusCode.ERROR, reason);
  }

  @Override
  public void close() {
    try {
      while (!log.isEmpty()) {
        log.pop().close();
      }
      scope.close();
    } finally {
      span.end();
    }
  }

  /** What the span is about and where it belongs. */
  public static final class Builder {
    private final Tracer tracer;
    private final String name;
    private SpanKind kind = SpanKind.INTERNAL;
    private Context parent;
    private Instant start;
    private final List<SpanContext> links = new ArrayList<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String namespace;
    private String shopSetName;

    private Builder(Tracer tracer, String name) {
      this.tracer = tracer;
      this.name = name;
    }

    public Builder kind(SpanKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * The span an event was sent from is the parent ({@code ce_traceparent}); without one (null), a
     * new trace starts. Without this call the parent is the span current on the thread.
     */
    public Builder parent(TraceContext trace) {
      this.parent = TraceContexts.parent(trace);
      return this;
    }

    /** A link to another trace's span (a batch's other inputs); nothing when null. */
    public Builder link(TraceContext trace) {
      SpanContext context = TraceContexts.spanContext(trace);
      if (context.isValid()) {
        links.add(context);
      }
      return this;
    }

    /** The ShopSet the span (and every log line in it) is about. */
    public Builder shopSet(String namespace, String name) {
      this.namespace = namespace;
      this.shopSetName = name;
      if (namespace != null && name != null) {
        fields.put(LogFields.SHOPSET, namespace + "/" + name);
      }
      return this;
    }

    /** The event the span handles (and every log line in it is about). */
    public Builder eventId(String id) {
      fields.put(LogFields.EVENT_ID, id);
      attributes.put(EVENT_ID.getKey(), id);
      return this;
    }

    /** Another string attribute (nothing when null). */
    public Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    /** When the span began, if before now (e.g. when a change was observed). */
    public Builder startedAt(Instant start) {
      this.start = start;
      return this;
    }

    /** Starts the span and makes it current; close it on this thread. */
    public Traced start() {
      SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
      if (parent != null) {
        builder.setParent(parent);
      }
      if (start != null) {
        builder.setStartTimestamp(start);
      }
      links.forEach(builder::addLink);
      if (namespace != null) {
        builder.setAttribute(NAMESPACE, namespace);
      }
      if (shopSetName != null) {
        builder.setAttribute(NAME, shopSetName);
      }
      attributes.forEach((key, value) -> {
        if (value != null) {
          builder.setAttribute(key, value);
        }
      });
      return new Traced(builder.startSpan(), fields);
    }
  }
}
