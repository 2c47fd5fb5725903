package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.SortedMap;

/**
 * The whole desired state of one valid ShopSet, joined with its Tier and Configuration: all the
 * renderer needs, so it never reads the Kubernetes API.
 *
 * <p>The nested records are the event's own: they mirror the ShopSet, Tier and Configuration
 * resources field for field on the wire, but belong to this contract, so the events library needs
 * no Kubernetes classes and a change of the resources never edits a published event by accident.
 *
 * @param generation the ShopSet's {@code metadata.generation}
 * @param annotations the ShopSet's {@code shopset.dev/*} annotations (e.g. the Slack channel)
 */
public record ShopSetDesired(
    String namespace,
    String name,
    long generation,
    SortedMap<String, String> annotations,
    Spec spec,
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

  /** What the ShopSet declares (its {@code spec}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(
      @JsonPropertyDescription("Name of the Tier.") String tier,
      @JsonPropertyDescription("Name of a Configuration in the ShopSet's namespace.")
          String configuration,
      @JsonPropertyDescription("Shop ids (DNS-1123 labels) served by this set, in order.")
          List<String> shops,
      @JsonPropertyDescription("Replicas of every Deployment; absent: the base's.")
          Integer replicas,
      @JsonPropertyDescription("CPU and memory of every container; absent: the base's.")
          Resources resources,
      @JsonPropertyDescription("Environment variables added to every container.") List<EnvVar> env,
      @JsonPropertyDescription("Maintenance mode.") Boolean maintenance,
      @JsonPropertyDescription("Zones to spread over and the Argo CD destination cluster.")
          FailureDomain failureDomain,
      @JsonPropertyDescription("Automated sync stopped.") Boolean suspend,
      @JsonPropertyDescription("Most shops this set may hold; absent: no limit.")
          Integer maxShops) {

    public boolean maintenanceOn() {
      return Boolean.TRUE.equals(maintenance);
    }

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }
  }

  /** A container environment variable. */
  public record EnvVar(String name, String value) {}

  /** CPU and memory requests and limits (Kubernetes quantities). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(Quantities requests, Quantities limits) {}

  /** A CPU and a memory quantity, e.g. {@code 250m} and {@code 512Mi}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Quantities(String cpu, String memory) {}

  /** The zones the shops' pods spread over and the Argo CD destination cluster. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FailureDomain(
      List<String> zones,
      @JsonPropertyDescription("Argo CD cluster name; absent: the cluster Argo CD runs in.")
          String cluster) {}

  /** A git repository and the directory of it to use. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Repository(
      @JsonPropertyDescription("Clone URL.") String url,
      @JsonPropertyDescription("Directory inside the repository; absent: the root.") String path) {
    public Repository {
      Require.present(url, "repository.url");
    }

    /** The path with '.' for the root, as Kustomize wants it. */
    public String pathOrRoot() {
      return path == null || path.isBlank() ? "." : path;
    }
  }

  /**
   * A Tier as resolved for this ShopSet: branch defaulted, system repository present.
   *
   * @param clusters the Argo CD destination clusters the Tier allows (besides the in-cluster one)
   * @param frozen whether the Tier is frozen (no pin bumps, no promotions into it)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TierState(
      String name,
      int rank,
      String branch,
      Repository appRepository,
      Repository systemRepository,
      String promotesTo,
      List<String> clusters,
      boolean frozen) {
    public TierState {
      Require.present(name, "tier.name");
      Require.present(branch, "tier.branch");
      Require.present(appRepository, "tier.appRepository");
      Require.present(systemRepository, "tier.systemRepository");
      clusters = Require.list(clusters);
    }
  }

  /** A Configuration as resolved for this ShopSet. */
  public record ConfigurationState(String name, Repository repository) {
    public ConfigurationState {
      Require.present(name, "configuration.name");
      Require.present(repository, "configuration.repository");
    }
  }
}
