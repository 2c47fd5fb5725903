package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What ShopSet observed of a Tier: what its branch of the system repository pins, its last commit
 * and promotion, and how many ShopSets it carries.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TierStatus(
    @JsonPropertyDescription("The generation this status describes.") Long observedGeneration,
    List<Condition> conditions,
    @JsonPropertyDescription(
            "The submodules the Tier's system branch pins: base (the app repository) and"
                + " config/<namespace>/<configuration>, each at a commit.")
        List<Pin> pins,
    @JsonPropertyDescription("The last commit pushed to the Tier's system branch.")
        ShopSetStatus.LastCommit lastCommit,
    @JsonPropertyDescription("The last Promotion into (or rollback of) this Tier.")
        LastPromotion lastPromotion,
    @JsonPropertyDescription("How many ShopSets use this Tier.") Integer shopSets) {

  /** A submodule of the system branch at a commit of a source branch. */
  public record Pin(String path, String repository, String branch, String commit) {}

  /** A Promotion and what became of it. */
  public record LastPromotion(
      String name, String phase, String commit, Boolean rollback, String time) {}

  /** The pin of {@code path}, or null. */
  public Pin pin(String path) {
    return pins == null
        ? null
        : pins.stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
  }
}
