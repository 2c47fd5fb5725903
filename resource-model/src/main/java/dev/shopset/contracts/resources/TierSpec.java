package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

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
        String promotesTo,
    @JsonPropertyDescription(
            "Namespaces whose ShopSets may use this Tier, by their labels (every namespace has"
                + " kubernetes.io/metadata.name). Absent: no namespace may.")
        LabelSelector namespaceSelector,
    @Size(max = 100)
        @JsonPropertyDescription(
            "Argo CD destination clusters (by name) the Tier's ShopSets may name in"
                + " spec.failureDomain.cluster; the cluster Argo CD runs in is always allowed.")
        List<@Pattern(Names.DNS1123_SUBDOMAIN) String> clusters,
    @JsonPropertyDescription(
            "Frozen during an incident: no new code (pin bumps) and no promotions reach the Tier;"
                + " ShopSet changes are still rendered and committed.")
        Boolean frozen,
    @JsonPropertyDescription(
            "Who may promote into this Tier, and the approvals a Promotion into it needs. Absent:"
                + " anyone RBAC lets create a Promotion, no approvals.")
        PromotionPolicy promotionPolicy) {

  /** A Tier without a promotion policy. */
  public TierSpec(
      Integer rank,
      String branch,
      RepositoryRef appRepository,
      RepositoryRef systemRepository,
      String promotesTo,
      LabelSelector namespaceSelector,
      List<String> clusters,
      Boolean frozen) {
    this(
        rank,
        branch,
        appRepository,
        systemRepository,
        promotesTo,
        namespaceSelector,
        clusters,
        frozen,
        null);
  }

  /** The approvals a Promotion into this Tier needs (0 without a policy). */
  public int approvalsRequired() {
    return promotionPolicy == null ? 0 : promotionPolicy.approvalsRequired();
  }

  /** Whether the Tier is frozen. */
  public boolean isFrozen() {
    return Boolean.TRUE.equals(frozen);
  }

  /** The branch, defaulting to the Tier name. */
  public String branchOr(String tierName) {
    return branch == null || branch.isBlank() ? tierName : branch;
  }
}
