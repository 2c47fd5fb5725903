package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** One approval of a Promotion: who, through what, when and why. */
@JsonClassDescription("One approval of a Promotion: who, through what, when and why.")
public record Approval(
    @JsonPropertyDescription("The approver's Kubernetes user name.") String by,
    @JsonPropertyDescription("How it was given: shopctl, slack or kubectl.") String via,
    @JsonPropertyDescription("When it was given (RFC 3339, UTC).") Instant at,
    @JsonPropertyDescription("Why, as the approver wrote it; absent when none was given.")
        String reason) {

  public static final String VIA_SHOPCTL = "shopctl";
  public static final String VIA_SLACK = "slack";
  public static final String VIA_KUBECTL = "kubectl";

  public Approval {
    Require.present(by, "by");
    Require.present(via, "via");
  }
}
