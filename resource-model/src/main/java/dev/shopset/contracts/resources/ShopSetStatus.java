package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What ShopSet observed of a ShopSet: conditions (Valid, Rendered, Committed and Ready, which sums
 * them up for the current generation), the last commit that carries it, its shop count.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ShopSetStatus(
    @JsonPropertyDescription("The generation the conditions describe.") Long observedGeneration,
    List<Condition> conditions,
    @JsonPropertyDescription("The last system-repository commit that carries this ShopSet.")
        LastCommit lastCommit,
    @JsonPropertyDescription(
            "Tier branches this ShopSet left, where its Application is parked (kept without the"
                + " cascading finalizer) until the ShopSet is deleted.")
        List<Placement> parked,
    @JsonPropertyDescription("How many shops the observed generation lists.") Integer shops) {

  /** A status with conditions and a last commit, parked nowhere. */
  public ShopSetStatus(Long observedGeneration, List<Condition> conditions, LastCommit lastCommit) {
    this(observedGeneration, conditions, lastCommit, null, null);
  }

  /** A status with conditions, a last commit and parked places. */
  public ShopSetStatus(
      Long observedGeneration,
      List<Condition> conditions,
      LastCommit lastCommit,
      List<Placement> parked) {
    this(observedGeneration, conditions, lastCommit, parked, null);
  }

  /**
   * A commit in the system repository.
   *
   * @param shortSha its first 12 hex digits, for {@code kubectl get}
   */
  public record LastCommit(String sha, String shortSha, String branch, String time) {
    public LastCommit(String sha, String branch, String time) {
      this(sha, sha == null ? null : sha.substring(0, Math.min(12, sha.length())), branch, time);
    }
  }

  /** A tier branch of a system repository. */
  public record Placement(String tier, String systemRepository, String branch) {}
}
