package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One observation about a resource, in the shape of Kubernetes' {@code metav1.Condition}: type,
 * status, reason, message and lastTransitionTime required, one condition per type (the CRDs mark
 * the list {@code x-kubernetes-list-type: map} keyed by type), so kstatus, {@code kubectl wait} and
 * server-side apply read it as they read any other.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Required @JsonPropertyDescription("Valid, Rendered, Committed or Ready.") String type,
    @Required
        @ValidationRule(
            value = "self in ['True', 'False', 'Unknown']",
            message = "status must be True, False or Unknown")
        String status,
    @Required
        @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
        @JsonPropertyDescription("A CamelCase word a machine can match, e.g. TierNotFound.")
        String reason,
    @Required @JsonPropertyDescription("What happened, for a person.") String message,
    @Required @JsonPropertyDescription("When status last changed (RFC 3339).")
        String lastTransitionTime,
    @JsonPropertyDescription("The generation of the resource this condition was set for.")
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
