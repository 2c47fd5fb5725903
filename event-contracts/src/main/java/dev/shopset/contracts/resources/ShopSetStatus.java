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
        LastCommit lastCommit) {

  /** A commit in the system repository. */
  public record LastCommit(String sha, String branch, String time) {}
}
