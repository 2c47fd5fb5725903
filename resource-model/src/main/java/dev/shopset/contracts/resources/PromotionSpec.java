package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Move the app-repository head of {@code tier} (or one commit of its history) to the Tier it
 * promotes to; or, as an explicit rollback, move {@code tier} itself back to an earlier commit.
 */
@ValidationRule(
    value = "!has(self.rollback) || !self.rollback || has(self.commit)",
    message = "a rollback names the commit to go back to (spec.commit)")
@ValidationRule(
    value =
        "!has(oldSelf.requestedBy) || (has(self.requestedBy) && self.requestedBy == oldSelf.requestedBy)",
    message = "spec.requestedBy cannot change once set")
public record PromotionSpec(
    @Required
        @Pattern(Names.DNS1123_LABEL)
        @JsonPropertyDescription("The Tier whose code moves up to its promotesTo Tier.")
        String tier,
    @Pattern("^[0-9a-f]{40}$")
        @JsonPropertyDescription(
            "A commit (40 hex digits) to promote instead of the head: it must be in the history of"
                + " tier's branch. For a rollback: the earlier commit of tier's own branch to go"
                + " back to.")
        String commit,
    @JsonPropertyDescription(
            "Roll tier itself back to commit (which must be an ancestor of its current head):"
                + " the only way a pin moves backwards.")
        Boolean rollback,
    @JsonPropertyDescription(
            "The Kubernetes user who asks for this Promotion. The shopset-promotion-requester"
                + " admission policy requires it to be the user creating the object (shopctl fills"
                + " it in from the caller's identity), so it cannot be forged.")
        String requestedBy,
    @JsonPropertyDescription(
            "Groups of requestedBy that the Tier's promoters may name; the admission policy"
                + " requires each to be one of the creating user's groups.")
        List<String> requestedByGroups) {

  /** A promotion of {@code tier}'s head. */
  public PromotionSpec(String tier) {
    this(tier, null, null);
  }

  /** A promotion (or rollback) with no recorded requester. */
  public PromotionSpec(String tier, String commit, Boolean rollback) {
    this(tier, commit, rollback, null, null);
  }

  /** This spec, requested by {@code user} as a member of {@code groups}. */
  public PromotionSpec requestedBy(String user, List<String> groups) {
    return new PromotionSpec(tier, commit, rollback, user, groups);
  }

  /** Whether this is an explicit rollback. */
  public boolean isRollback() {
    return Boolean.TRUE.equals(rollback);
  }
}
