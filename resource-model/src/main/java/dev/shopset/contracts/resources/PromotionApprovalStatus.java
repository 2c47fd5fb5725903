package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether the watcher counted a PromotionApproval, and if not, why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionApprovalStatus(
    @JsonPropertyDescription("Whether the decision was counted for its Promotion.") Boolean counted,
    @JsonPropertyDescription(
            "Why it was not counted, a CamelCase word: NotAllowed, SelfApproval, NotPending,"
                + " PromotionNotFound.")
        String reason,
    @JsonPropertyDescription("What happened, for a person.") String message) {}
