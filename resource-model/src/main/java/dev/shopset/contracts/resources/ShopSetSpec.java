package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** What a ShopSet declares: where its shops run, with which configuration, and the overrides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShopSetSpec(
    @Required @Pattern(Names.DNS1123_LABEL) @JsonPropertyDescription("Name of the Tier.")
        String tier,
    @Required
        @Pattern(Names.DNS1123_LABEL)
        @JsonPropertyDescription("Name of a Configuration in the ShopSet's namespace.")
        String configuration,
    @Required
        @Size(min = 1, max = 1000)
        @JsonPropertyDescription("Shop ids (DNS-1123 labels) served by this set.")
        List<@Pattern(Names.DNS1123_LABEL) String> shops,
    @Min(0)
        @Max(1000)
        @JsonPropertyDescription("Replicas of every Deployment; default: the base's.")
        Integer replicas,
    @JsonPropertyDescription("CPU and memory of every container; default: the base's.")
        Resources resources,
    @Size(max = 100) @JsonPropertyDescription("Environment variables added to every container.")
        List<EnvVar> env,
    @JsonPropertyDescription(
            "Maintenance mode: every workload gets SHOPSET_MAINTENANCE=true and the annotation"
                + " shopset.dev/maintenance: \"true\".")
        Boolean maintenance,
    @JsonPropertyDescription("Zones to spread over and the Argo CD destination cluster.")
        FailureDomain failureDomain,
    @JsonPropertyDescription("Stop automated sync: Argo CD shows drift but changes nothing.")
        Boolean suspend,
    @Min(1)
        @Max(1000)
        @JsonPropertyDescription(
            "Most shops this set may hold (shopctl shops place fills sets up to it); absent: no"
                + " limit but the 1000 shops every set allows.")
        Integer maxShops) {

  /** A container environment variable. */
  public record EnvVar(
      @Required @Pattern("^[A-Za-z_][A-Za-z0-9_]*$") @Size(max = 256) String name,
      @Size(max = 32768) String value) {}

  /** CPU and memory requests and limits (Kubernetes quantities). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(Quantities requests, Quantities limits) {}

  /** A CPU and a memory quantity, e.g. {@code 250m} and {@code 512Mi}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Quantities(@Pattern(QUANTITY) String cpu, @Pattern(QUANTITY) String memory) {}

  /**
   * Where the shops may run: the zones their pods spread over (node affinity plus topology spread
   * on {@code topology.kubernetes.io/zone}) and the Argo CD destination cluster.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FailureDomain(
      @Size(max = 10) List<@Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$") String> zones,
      @Pattern(Names.DNS1123_SUBDOMAIN)
          @JsonPropertyDescription("Argo CD cluster name; default: the cluster Argo CD runs in.")
          String cluster) {}

  /** A Kubernetes resource quantity. */
  public static final String QUANTITY = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

  public boolean maintenanceOn() {
    return Boolean.TRUE.equals(maintenance);
  }

  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }
}
