package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One observation about a resource, in the shape Kubernetes conditions have everywhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Required @JsonPropertyDescription("Valid, Rendered, Committed or Ready.") String type,
    @Required
        @ValidationRule(
            value = "self in ['True', 'False', 'Unknown']",
            message = "status must be True, False or Unknown")
        String status,
    @JsonPropertyDescription("A CamelCase word a machine can match, e.g. TierNotFound.")
        String reason,
    @JsonPropertyDescription("What happened, for a person.") String message,
    @JsonPropertyDescription("When status last changed (RFC 3339).") String lastTransitionTime,
    Long observedGeneration) {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  /** Whether this says the same as {@code other}, ignoring when it was said. */
  public boolean sameAs(Condition other) {
    return other != null
        && type.equals(other.type)
        && status.equals(other.status)
        && java.util.Objects.equals(reason, other.reason)
        && java.util.Objects.equals(message, other.message)
        && java.util.Objects.equals(observedGeneration, other.observedGeneration);
  }
}
