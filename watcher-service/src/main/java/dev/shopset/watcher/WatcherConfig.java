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

  /** How long a failed reconcile waits before it is retried. */
  @WithDefault("2s")
  Duration retryDelay();

  /** Rollout tracking. */
  Rollouts rollouts();

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
