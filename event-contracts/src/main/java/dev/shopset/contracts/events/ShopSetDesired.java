package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
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
@JsonClassDescription(
    "The whole desired state of one valid ShopSet, joined with its Tier and Configuration.")
public record ShopSetDesired(
    @JsonPropertyDescription("The ShopSet's namespace.") String namespace,
    @JsonPropertyDescription("The ShopSet's name.") String name,
    @JsonPropertyDescription("The ShopSet's metadata.generation this state was read at.")
        long generation,
    @JsonPropertyDescription(
            "The ShopSet's shopset.dev/* annotations (e.g. shopset.dev/slack-channel), by key.")
        SortedMap<String, String> annotations,
    @JsonPropertyDescription("What the ShopSet declares (its spec).") Spec spec,
    @JsonPropertyDescription("The ShopSet's Tier, as resolved for it.") TierState tier,
    @JsonPropertyDescription("The ShopSet's Configuration, as resolved for it.")
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
  @JsonClassDescription("What the ShopSet declares (its spec).")
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
  @JsonClassDescription("A container environment variable.")
  public record EnvVar(
      @JsonPropertyDescription("Variable name.") String name,
      @JsonPropertyDescription("Variable value; absent: empty.") String value) {}

  /** CPU and memory requests and limits (Kubernetes quantities). */
  @JsonClassDescription("CPU and memory requests and limits of every container.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(
      @JsonPropertyDescription("What every container requests; absent: the base's.")
          Quantities requests,
      @JsonPropertyDescription("What every container may use at most; absent: the base's.")
          Quantities limits) {}

  /** A CPU and a memory quantity, e.g. {@code 250m} and {@code 512Mi}. */
  @JsonClassDescription("A CPU and a memory quantity (Kubernetes quantities).")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Quantities(
      @JsonPropertyDescription("CPU, e.g. 250m or 1; absent: the base's.") String cpu,
      @JsonPropertyDescription("Memory, e.g. 512Mi; absent: the base's.") String memory) {}

  /** The zones the shops' pods spread over and the Argo CD destination cluster. */
  @JsonClassDescription(
      "The zones the shops' pods spread over and the Argo CD destination cluster.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FailureDomain(
      @JsonPropertyDescription("Topology zones the pods spread over; empty: no spreading.")
          List<String> zones,
      @JsonPropertyDescription("Argo CD cluster name; absent: the cluster Argo CD runs in.")
          String cluster) {}

  /** A git repository and the directory of it to use. */
  @JsonClassDescription("A git repository and the directory of it to use.")
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
  @JsonClassDescription(
      "A Tier as resolved for the ShopSet: branch defaulted, system repository present.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TierState(
      @JsonPropertyDescription("Name of the Tier.") String name,
      @JsonPropertyDescription("Its rank: 0 is the first Tier to receive changes.") int rank,
      @JsonPropertyDescription(
              "Its branch in the app, configuration and system repositories (defaulted).")
          String branch,
      @JsonPropertyDescription("Where the base manifests are (the base/ submodule).")
          Repository appRepository,
      @JsonPropertyDescription("The repository the ShopSet's files are committed to.")
          Repository systemRepository,
      @JsonPropertyDescription("The Tier that receives this one's code next; absent: the last.")
          String promotesTo,
      @JsonPropertyDescription(
              "Argo CD destination clusters the Tier allows besides the in-cluster one.")
          List<String> clusters,
      @JsonPropertyDescription("Frozen: no pin bumps, no promotions into it.") boolean frozen) {
    public TierState {
      Require.present(name, "tier.name");
      Require.present(branch, "tier.branch");
      Require.present(appRepository, "tier.appRepository");
      Require.present(systemRepository, "tier.systemRepository");
      clusters = Require.list(clusters);
    }
  }

  /** A Configuration as resolved for this ShopSet. */
  @JsonClassDescription("A Configuration as resolved for the ShopSet.")
  public record ConfigurationState(
      @JsonPropertyDescription("Name of the Configuration, in the ShopSet's namespace.")
          String name,
      @JsonPropertyDescription("Where its Kustomize component is.") Repository repository) {
    public ConfigurationState {
      Require.present(name, "configuration.name");
      Require.present(repository, "configuration.repository");
    }
  }
}
