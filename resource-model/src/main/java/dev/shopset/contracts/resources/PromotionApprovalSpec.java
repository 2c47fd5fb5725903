package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Approve or reject one Promotion, as one person. Immutable once created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a PromotionApproval cannot change; delete it")
public record PromotionApprovalSpec(
    @Required
        @Pattern(Names.DNS1123_SUBDOMAIN)
        @JsonPropertyDescription("The Promotion approved or rejected.")
        String promotion,
    @Required @JsonPropertyDescription("Approve or Reject.") Decision decision,
    @Size(max = 1024) @JsonPropertyDescription("Why, for the record.") String reason,
    @Required
        @JsonPropertyDescription(
            "The Kubernetes user who decides: the admission policy requires the creating user"
                + " (only the watcher may write one on behalf of a Slack user, with via slack).")
        String approver,
    @Size(max = 100)
        @JsonPropertyDescription(
            "Groups of the approver the Tier's approvers may name; each must be one of the"
                + " creating user's groups.")
        List<String> approverGroups,
    @Pattern("^(shopctl|slack|kubectl)$")
        @JsonPropertyDescription("How it was given: shopctl, slack or kubectl (the default).")
        String via) {

  /** Approve or reject. */
  public enum Decision {
    Approve,
    Reject
  }

  /** How it was given, defaulting to kubectl. */
  public String viaOrDefault() {
    return via == null || via.isBlank() ? "kubectl" : via;
  }
}
