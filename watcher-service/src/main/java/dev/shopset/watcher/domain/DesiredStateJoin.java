package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetDesired.ConfigurationState;
import dev.shopset.contracts.events.ShopSetDesired.TierState;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Joins a ShopSet with its Tier and Configuration into its whole desired state, or says why not.
 */
public final class DesiredStateJoin {

  /** Reason when the Tier has no app repository (not in the contracts' Conditions yet). */
  public static final String NO_APP_REPOSITORY = "NoAppRepository";

  /** Reason when the ShopSet has no spec (the CRD requires one; kept for robustness). */
  public static final String INVALID_SPEC = "InvalidSpec";

  private DesiredStateJoin() {}

  /** The outcome of a join. */
  public sealed interface Result permits Valid, Invalid {}

  /** The ShopSet resolves: this is what to emit. */
  public record Valid(ShopSetDesired desired) implements Result {}

  /** The ShopSet does not resolve: a CamelCase reason and a message for a person. */
  public record Invalid(String reason, String message) implements Result {}

  /**
   * Joins {@code shopSet} with {@code tier} (cluster-scoped, null when missing) and {@code
   * configuration} (in the ShopSet's namespace, null when missing).
   */
  public static Result join(ShopSet shopSet, Tier tier, Configuration configuration) {
    String namespace = shopSet.getMetadata().getNamespace();
    String name = shopSet.getMetadata().getName();
    ShopSetSpec spec = shopSet.getSpec();
    if (spec == null) {
      return new Invalid(INVALID_SPEC, "ShopSet " + namespace + "/" + name + " has no spec.");
    }
    if (tier == null || tier.getSpec() == null) {
      return new Invalid(
          Conditions.TIER_NOT_FOUND,
          "Tier '"
              + spec.tier()
              + "' does not exist. Create it (kubectl get tiers lists the existing ones) or set"
              + " spec.tier to an existing Tier.");
    }
    TierSpec tierSpec = tier.getSpec();
    if (tierSpec.systemRepository() == null) {
      return new Invalid(
          Conditions.NO_SYSTEM_REPOSITORY,
          "Tier '"
              + spec.tier()
              + "' has no spec.systemRepository, so there is no repository to commit this ShopSet"
              + " to. Ask the platform team to set one on the Tier.");
    }
    if (tierSpec.appRepository() == null) {
      return new Invalid(
          NO_APP_REPOSITORY,
          "Tier '" + spec.tier() + "' has no spec.appRepository, so there are no base manifests.");
    }
    if (configuration == null
        || configuration.getSpec() == null
        || configuration.getSpec().repository() == null) {
      return new Invalid(
          Conditions.CONFIGURATION_NOT_FOUND,
          "Configuration '"
              + spec.configuration()
              + "' does not exist in namespace '"
              + namespace
              + "'. Create it there or set spec.configuration to an existing one.");
    }
    String tierName = tier.getMetadata().getName();
    TierState tierState =
        new TierState(
            tierName,
            tierSpec.rank() == null ? 0 : tierSpec.rank(),
            tierSpec.branchOr(tierName),
            tierSpec.appRepository(),
            tierSpec.systemRepository(),
            tierSpec.promotesTo());
    ConfigurationState configurationState =
        new ConfigurationState(
            configuration.getMetadata().getName(), configuration.getSpec().repository());
    Long generation = shopSet.getMetadata().getGeneration();
    return new Valid(
        new ShopSetDesired(
            namespace,
            name,
            generation == null ? 0 : generation,
            shopSetAnnotations(shopSet.getMetadata().getAnnotations()),
            spec,
            tierState,
            configurationState));
  }

  /** The {@code shopset.dev/*} annotations, sorted. */
  static SortedMap<String, String> shopSetAnnotations(Map<String, String> annotations) {
    SortedMap<String, String> result = new TreeMap<>();
    if (annotations != null) {
      annotations.forEach((key, value) -> {
        if (key.startsWith(Labels.ANNOTATION_PREFIX) && value != null) {
          result.put(key, value);
        }
      });
    }
    return result;
  }
}
