package dev.shopset.contracts.cloudevents;

import org.apache.kafka.common.errors.SerializationException;

/** A record that is not a ShopSet event we can read; {@link #problem()} says which way. */
public class EventDecodingException extends SerializationException {

  /** What is wrong with the record. */
  public enum Problem {
    MISSING_HEADER,
    INVALID_HEADER,
    UNSUPPORTED_SPEC_VERSION,
    UNKNOWN_TYPE,
    UNSUPPORTED_CONTENT_TYPE,
    MALFORMED_BODY,
    INVALID_BODY
  }

  private final Problem problem;

  public EventDecodingException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
