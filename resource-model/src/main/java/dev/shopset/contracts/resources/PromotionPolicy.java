package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * Who may promote into a Tier and how many approvals, from whom, a Promotion into it needs before
 * it runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionPolicy(
    @JsonPropertyDescription(
            "Who may create Promotions (and rollbacks) into this Tier. Absent: anyone RBAC lets"
                + " create a Promotion.")
        Subjects promoters,
    @JsonPropertyDescription("The approvals a Promotion into this Tier needs before it runs.")
        Approvals approvals) {

  /** Default time a Promotion may wait for its approvals. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

  /** How many approvals, from whom. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Approvals(
      @Min(0)
          @JsonPropertyDescription(
              "How many distinct approvers must approve; 0 (the default) runs Promotions at once.")
          Integer required,
      @JsonPropertyDescription("Who may approve or reject. Absent: nobody may approve.")
          Subjects approvers,
      @JsonPropertyDescription(
              "Whether the person who requested a Promotion may approve it themselves; default"
                  + " false.")
          Boolean allowSelfApproval,
      @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
          @JsonPropertyDescription(
              "How long a Promotion waits for its approvals before it expires, as a Go duration"
                  + " (30m, 24h, 1h30m); default 24h.")
          String expiresAfter) {

    /** The number of approvals required (0 when absent). */
    public int requiredCount() {
      return required == null ? 0 : Math.max(0, required);
    }

    /** Whether the requester may approve. */
    public boolean selfApprovalAllowed() {
      return Boolean.TRUE.equals(allowSelfApproval);
    }

    /** How long a Promotion waits, defaulting to 24 hours. */
    public Duration expiry() {
      return expiresAfter == null || expiresAfter.isBlank()
          ? DEFAULT_EXPIRY
          : GoDurations.parse(expiresAfter);
    }
  }

  /** The approvals required (0 when no policy says otherwise). */
  public int approvalsRequired() {
    return approvals == null ? 0 : approvals.requiredCount();
  }
}
