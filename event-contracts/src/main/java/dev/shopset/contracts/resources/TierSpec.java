package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What a Tier declares: its place in the release order, its branch and its repositories. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TierSpec(
    @Required @Min(0) @JsonPropertyDescription("Release order; 0 receives changes first.")
        Integer rank,
    @Pattern("^[A-Za-z0-9._/-]+$")
        @JsonPropertyDescription(
            "Branch of every repository for this tier; default: the Tier name.")
        String branch,
    @Required @JsonPropertyDescription("Application repository holding the base manifests.")
        RepositoryRef appRepository,
    @JsonPropertyDescription(
            "System repository ShopSet writes overlays and Applications to. A ShopSet on a Tier"
                + " without one is not valid.")
        RepositoryRef systemRepository,
    @Pattern(Names.DNS1123_LABEL)
        @JsonPropertyDescription("The Tier a Promotion of this one moves code to.")
        String promotesTo) {

  /** The branch, defaulting to the Tier name. */
  public String branchOr(String tierName) {
    return branch == null || branch.isBlank() ? tierName : branch;
  }
}
