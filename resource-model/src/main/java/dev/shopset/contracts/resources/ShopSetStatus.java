package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What ShopSet observed of a ShopSet: conditions and the last commit that carries it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ShopSetStatus(
    @JsonPropertyDescription("The generation the conditions describe.") Long observedGeneration,
    List<Condition> conditions,
    @JsonPropertyDescription("The last system-repository commit that carries this ShopSet.")
        LastCommit lastCommit,
    @JsonPropertyDescription(
            "Tier branches this ShopSet left, where its Application is parked (kept without the"
                + " cascading finalizer) until the ShopSet is deleted.")
        List<Placement> parked) {

  /** A status with conditions and a last commit, parked nowhere. */
  public ShopSetStatus(Long observedGeneration, List<Condition> conditions, LastCommit lastCommit) {
    this(observedGeneration, conditions, lastCommit, null);
  }

  /** A commit in the system repository. */
  public record LastCommit(String sha, String branch, String time) {}

  /** A tier branch of a system repository. */
  public record Placement(String tier, String systemRepository, String branch) {}
}
