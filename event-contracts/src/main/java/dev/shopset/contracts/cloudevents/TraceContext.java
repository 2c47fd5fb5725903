package dev.shopset.contracts.cloudevents;

import java.util.regex.Pattern;

/**
 * The W3C trace context an event carries: the CloudEvents distributed-tracing extension, in Kafka
 * binary mode the {@code ce_traceparent} and {@code ce_tracestate} headers. Plain text, so the
 * contracts need no tracing library; services turn it into their tracer's context.
 *
 * @param traceparent {@code 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>}
 * @param tracestate vendor state that travels with it; null when there is none
 */
public record TraceContext(String traceparent, String tracestate) {

  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
  private static final String INVALID_TRACE = "0".repeat(32);
  private static final String INVALID_SPAN = "0".repeat(16);

  public TraceContext {
    if (!valid(traceparent)) {
      throw new IllegalArgumentException("Not a W3C traceparent: '" + traceparent + "'");
    }
    if (tracestate != null && tracestate.isEmpty()) {
      tracestate = null;
    }
  }

  /**
   * The trace context of these header values, or null when there is none or the traceparent is
   * malformed: as the W3C recommends, a receiver starts a new trace then rather than failing.
   */
  public static TraceContext parse(String traceparent, String tracestate) {
    return valid(traceparent) ? new TraceContext(traceparent, tracestate) : null;
  }

  /** The 32 hex digits of the trace id. */
  public String traceId() {
    return traceparent.substring(3, 35);
  }

  /** The 16 hex digits of the span the event was sent from. */
  public String spanId() {
    return traceparent.substring(36, 52);
  }

  /** Whether the sender sampled the trace (flag 01). */
  public boolean sampled() {
    return (Integer.parseInt(traceparent.substring(53, 55), 16) & 1) == 1;
  }

  private static boolean valid(String traceparent) {
    return traceparent != null
        && TRACEPARENT.matcher(traceparent).matches()
        && !traceparent.startsWith("ff")
        && !traceparent.substring(3, 35).equals(INVALID_TRACE)
        && !traceparent.substring(36, 52).equals(INVALID_SPAN);
  }
}
