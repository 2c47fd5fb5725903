package dev.shopset.contracts.events;

import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSetSpec;
import java.util.SortedMap;

/**
 * The whole desired state of one valid ShopSet, joined with its Tier and Configuration: all the
 * renderer needs, so it never reads the Kubernetes API.
 *
 * @param generation the ShopSet's {@code metadata.generation}
 * @param annotations the ShopSet's {@code shopset.dev/*} annotations (e.g. the Slack channel)
 */
public record ShopSetDesired(
    String namespace,
    String name,
    long generation,
    SortedMap<String, String> annotations,
    ShopSetSpec spec,
    TierState tier,
    ConfigurationState configuration)
    implements DesiredStateEvent {

  public ShopSetDesired {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    annotations = Require.sorted(annotations);
    Require.present(spec, "spec");
    Require.present(tier, "tier");
    Require.present(configuration, "configuration");
  }

  /** A Tier as resolved for this ShopSet: branch defaulted, system repository present. */
  public record TierState(
      String name,
      int rank,
      String branch,
      RepositoryRef appRepository,
      RepositoryRef systemRepository,
      String promotesTo) {
    public TierState {
      Require.present(name, "tier.name");
      Require.present(branch, "tier.branch");
      Require.present(appRepository, "tier.appRepository");
      Require.present(systemRepository, "tier.systemRepository");
    }
  }

  /** A Configuration as resolved for this ShopSet. */
  public record ConfigurationState(String name, RepositoryRef repository) {
    public ConfigurationState {
      Require.present(name, "configuration.name");
      Require.present(repository, "configuration.repository");
    }
  }
}
