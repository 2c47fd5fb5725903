package dev.shopset.contracts.join;

import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetDesired.ConfigurationState;
import dev.shopset.contracts.events.ShopSetDesired.Repository;
import dev.shopset.contracts.events.ShopSetDesired.TierState;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Joins a ShopSet with its Tier and Configuration into its whole desired state, or says why not,
 * naming the rule (the reason) and the field. The one place this is decided: the watcher emits what
 * it returns and the renderer's preview renders it, so a preview shows what would be deployed.
 */
public final class DesiredStateJoin {

  private DesiredStateJoin() {}

  /** The outcome of a join. */
  public sealed interface Result permits Valid, Invalid {}

  /** The ShopSet resolves: this is what to emit. */
  public record Valid(ShopSetDesired desired) implements Result {}

  /** The ShopSet does not resolve: a CamelCase reason and a message for a person. */
  public record Invalid(String reason, String message) implements Result {}

  /**
   * Joins {@code shopSet} with {@code tier} (cluster-scoped, null when missing) and {@code
   * configuration} (in the ShopSet's namespace, null when missing), under {@code tenancy}.
   */
  public static Result join(
      ShopSet shopSet, Tier tier, Configuration configuration, Tenancy tenancy) {
    String namespace = shopSet.getMetadata().getNamespace();
    String name = shopSet.getMetadata().getName();
    ShopSetSpec spec = shopSet.getSpec();
    if (spec == null) {
      return new Invalid(
          Conditions.INVALID_SPEC, "ShopSet " + namespace + "/" + name + " has no spec.");
    }
    if (tier == null || tier.getSpec() == null) {
      return new Invalid(
          Conditions.TIER_NOT_FOUND,
          "Tier '"
              + spec.tier()
              + "' does not exist. Create it (kubectl get tiers lists the existing ones) or set"
              + " spec.tier to an existing Tier.");
    }
    String tierName = tier.getMetadata().getName();
    TierSpec tierSpec = tier.getSpec();
    if (!tenancy.selectedBy(tierSpec.namespaceSelector())) {
      return new Invalid(
          Conditions.NAMESPACE_NOT_ALLOWED,
          "spec.tier: Tier '"
              + tierName
              + "' does not allow namespace '"
              + namespace
              + "' ("
              + (tierSpec.namespaceSelector() == null
                  ? "it has no spec.namespaceSelector, so no namespace may use it"
                  : "its spec.namespaceSelector does not select this namespace's labels")
              + "). Ask the platform team, or choose a Tier this namespace may use.");
    }
    if (tierSpec.systemRepository() == null) {
      return new Invalid(
          Conditions.NO_SYSTEM_REPOSITORY,
          "Tier '"
              + tierName
              + "' has no spec.systemRepository, so there is no repository to commit this ShopSet"
              + " to. Ask the platform team to set one on the Tier.");
    }
    if (tierSpec.appRepository() == null) {
      return new Invalid(
          Conditions.NO_APP_REPOSITORY,
          "Tier '" + tierName + "' has no spec.appRepository, so there are no base manifests.");
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
    String configurationName = configuration.getMetadata().getName();
    Optional<Invalid> refusedRepository =
        refused(tenancy, "Tier '" + tierName + "' spec.appRepository.url", tierSpec.appRepository())
            .or(() ->
                refused(
                    tenancy,
                    "Tier '" + tierName + "' spec.systemRepository.url",
                    tierSpec.systemRepository()))
            .or(() ->
                refused(
                    tenancy,
                    "Configuration '" + configurationName + "' spec.repository.url",
                    configuration.getSpec().repository()));
    if (refusedRepository.isPresent()) {
      return refusedRepository.get();
    }
    List<String> clusters = tierSpec.clusters() == null ? List.of() : tierSpec.clusters();
    String cluster = spec.failureDomain() == null ? null : spec.failureDomain().cluster();
    if (cluster != null && !clusters.contains(cluster)) {
      return new Invalid(
          Conditions.CLUSTER_NOT_ALLOWED,
          "spec.failureDomain.cluster: Tier '"
              + tierName
              + "' does not allow cluster '"
              + cluster
              + "' (its spec.clusters: "
              + (clusters.isEmpty() ? "none, only the cluster Argo CD runs in" : clusters)
              + ").");
    }
    if (spec.maxShops() != null && spec.shops() != null && spec.shops().size() > spec.maxShops()) {
      return new Invalid(
          Conditions.TOO_MANY_SHOPS,
          "spec.shops: "
              + spec.shops().size()
              + " shops listed, more than spec.maxShops "
              + spec.maxShops()
              + ". Move shops to another ShopSet (shopctl shops place) or raise spec.maxShops.");
    }
    TierState tierState =
        new TierState(
            tierName,
            tierSpec.rank() == null ? 0 : tierSpec.rank(),
            tierSpec.branchOr(tierName),
            repository(tierSpec.appRepository()),
            repository(tierSpec.systemRepository()),
            tierSpec.promotesTo(),
            clusters,
            tierSpec.isFrozen());
    ConfigurationState configurationState =
        new ConfigurationState(configurationName, repository(configuration.getSpec().repository()));
    Long generation = shopSet.getMetadata().getGeneration();
    return new Valid(
        new ShopSetDesired(
            namespace,
            name,
            generation == null ? 0 : generation,
            shopSetAnnotations(shopSet.getMetadata().getAnnotations()),
            desiredSpec(spec),
            tierState,
            configurationState));
  }

  private static Optional<Invalid> refused(Tenancy tenancy, String field, RepositoryRef ref) {
    return tenancy
        .repositories()
        .refusal(ref.url())
        .map(why ->
            new Invalid(
                Conditions.REPOSITORY_NOT_ALLOWED,
                field
                    + ": '"
                    + ref.url()
                    + "' "
                    + why
                    + ". Ask the platform team to allow it, or use a repository it allows."));
  }

  private static Repository repository(RepositoryRef ref) {
    return new Repository(ref.url(), ref.path());
  }

  /** The ShopSet's spec in the event's own shape. */
  public static ShopSetDesired.Spec desiredSpec(ShopSetSpec spec) {
    ShopSetSpec.Resources resources = spec.resources();
    ShopSetSpec.FailureDomain failureDomain = spec.failureDomain();
    return new ShopSetDesired.Spec(
        spec.tier(),
        spec.configuration(),
        spec.shops(),
        spec.replicas(),
        resources == null
            ? null
            : new ShopSetDesired.Resources(
                quantities(resources.requests()), quantities(resources.limits())),
        spec.env() == null
            ? null
            : spec.env().stream()
                .map(e -> e == null ? null : new ShopSetDesired.EnvVar(e.name(), e.value()))
                .toList(),
        spec.maintenance(),
        failureDomain == null
            ? null
            : new ShopSetDesired.FailureDomain(failureDomain.zones(), failureDomain.cluster()),
        spec.suspend(),
        spec.maxShops());
  }

  private static ShopSetDesired.Quantities quantities(ShopSetSpec.Quantities q) {
    return q == null ? null : new ShopSetDesired.Quantities(q.cpu(), q.memory());
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
