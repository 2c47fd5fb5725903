package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What ShopSet observed of a Configuration: which commit each Tier pins, which ShopSets use it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigurationStatus(
    @JsonPropertyDescription("The generation this status describes.") Long observedGeneration,
    List<Condition> conditions,
    @JsonPropertyDescription("The commit of this Configuration each Tier's system branch pins.")
        List<TierPin> pins,
    @JsonPropertyDescription("How many ShopSets use this Configuration.") Integer shopSetCount,
    @JsonPropertyDescription("The ShopSets that use it (the first 100 by name).")
        List<String> shopSets) {

  /** The commit a Tier's system branch pins this Configuration at. */
  public record TierPin(String tier, String branch, String commit) {}
}
