package dev.shopset.watcher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the watcher-service ({@code watcher.*}). */
@ConfigMapping(prefix = "watcher")
public interface WatcherConfig {

  /** Namespaces whose ShopSets, Configurations and Deployments are watched; none = all. */
  Optional<List<String>> namespaces();

  /** How often informers replay their whole store (a resync that changes nothing emits nothing). */
  @WithDefault("10m")
  Duration resyncPeriod();

  /** CloudEvents source of every event the watcher emits. */
  @WithDefault("/shopset/watcher")
  String source();

  /**
   * How long a failed reconcile waits before it is retried; doubled for every further failure of
   * the same object in a row, up to a minute.
   */
  @WithDefault("2s")
  Duration retryDelay();

  /** Rollout tracking. */
  Rollouts rollouts();

  /** Active/standby: only the replica holding the Lease reconciles and publishes. */
  LeaderElection leaderElection();

  /** Lease-based leader election between watcher replicas. */
  interface LeaderElection {
    /** Off: this replica always reconciles (one replica only). */
    @WithDefault("true")
    boolean enabled();

    /** Name of the Lease (coordination.k8s.io) the replicas compete for. */
    @WithDefault("shopset-watcher")
    String leaseName();

    /** Namespace of the Lease; default: the pod's namespace (POD_NAMESPACE), else the client's. */
    Optional<String> leaseNamespace();

    /** This replica's name in the Lease; default: the pod name (HOSTNAME). */
    Optional<String> identity();

    /** How long a Lease not renewed stays with its holder: a killed leader's takeover delay. */
    @WithDefault("8s")
    Duration leaseDuration();

    /** How long the leader keeps trying to renew before it stops reconciling. */
    @WithDefault("6s")
    Duration renewDeadline();

    /** How often a standby tries to take the Lease, and the leader renews it. */
    @WithDefault("1s")
    Duration retryPeriod();
  }

  /** Rollout tracking of ShopSet-managed Deployments. */
  interface Rollouts {
    /** Label selector ({@code key=value,...}) of the Deployments whose rollouts are reported. */
    @WithDefault("app.kubernetes.io/managed-by=shopset")
    String selector();

    /** At most one RolloutProgressing per rollout within this interval. */
    @WithDefault("5s")
    Duration progressInterval();
  }
}
