package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What became of a Promotion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionStatus(
    @JsonPropertyDescription("Pending, Succeeded or Failed.") Phase phase,
    String fromBranch,
    String toBranch,
    @JsonPropertyDescription("The app-repository commit the target branch now points at.")
        String commit,
    @JsonPropertyDescription("Why it failed, as a CamelCase word, e.g. NotFastForward.")
        String reason,
    String message,
    @JsonPropertyDescription("When the result was recorded (RFC 3339).") String time,
    Long observedGeneration) {

  /** Where a Promotion stands. */
  public enum Phase {
    Pending,
    Succeeded,
    Failed
  }
}
