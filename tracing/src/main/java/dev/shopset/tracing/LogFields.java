package dev.shopset.tracing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * Fields of every log line written while open (the logging MDC): the JSON log of the cluster
 * profile carries them under {@code mdc}. Closing restores what was there before, so scopes nest.
 */
public final class LogFields implements AutoCloseable {

  /** The ShopSet a line is about, {@code namespace/name}. */
  public static final String SHOPSET = "shopset";

  /** The CloudEvents id ({@code ce_id}) of the event a line is about. */
  public static final String EVENT_ID = "eventId";

  /** The trace id (32 hex digits) of the change a line is about. */
  public static final String TRACE_ID = "traceId";

  /** The span id (16 hex digits) the line was written in. */
  public static final String SPAN_ID = "spanId";

  private final Map<String, Object> previous = new HashMap<>();

  private LogFields(Map<String, String> fields) {
    fields.forEach((key, value) -> {
      if (value != null) {
        previous.put(key, MDC.put(key, value));
      }
    });
  }

  /** Puts the non-null {@code fields} into the MDC until closed. */
  public static LogFields put(Map<String, String> fields) {
    return new LogFields(fields);
  }

  /** Puts one field into the MDC until closed (nothing when {@code value} is null). */
  public static LogFields put(String key, String value) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(key, value);
    return new LogFields(fields);
  }

  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    });
  }
}
