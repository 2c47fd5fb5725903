package dev.shopset.watcher.kubernetes;

import dev.shopset.watcher.WatcherConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Watcher settings for tests that build the watcher's parts by hand: no resync. */
final class TestWatcherConfig {
  private TestWatcherConfig() {}

  static final WatcherConfig INSTANCE = of(List.of());

  /** Watching only {@code namespaces} (all when empty), always leading (no election). */
  static WatcherConfig of(List<String> namespaces) {
    return of(namespaces, null);
  }

  /**
   * Watching only {@code namespaces}; competing for a Lease in namespace "default" as {@code
   * identity} with a short lease, or always leading when {@code identity} is null.
   */
  static WatcherConfig of(List<String> namespaces, String identity) {
    return new WatcherConfig() {
      @Override
      public LeaderElection leaderElection() {
        return new LeaderElection() {
          @Override
          public boolean enabled() {
            return identity != null;
          }

          @Override
          public String leaseName() {
            return "shopset-watcher";
          }

          @Override
          public Optional<String> leaseNamespace() {
            return Optional.of("default");
          }

          @Override
          public Optional<String> identity() {
            return Optional.ofNullable(identity);
          }

          @Override
          public Duration leaseDuration() {
            return Duration.ofSeconds(4);
          }

          @Override
          public Duration renewDeadline() {
            return Duration.ofSeconds(3);
          }

          @Override
          public Duration retryPeriod() {
            return Duration.ofMillis(500);
          }
        };
      }

      @Override
      public Optional<List<String>> namespaces() {
        return namespaces.isEmpty() ? Optional.empty() : Optional.of(namespaces);
      }

      @Override
      public Duration resyncPeriod() {
        return Duration.ofMinutes(10);
      }

      @Override
      public String source() {
        return "/shopset/watcher";
      }

      @Override
      public Duration retryDelay() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Rollouts rollouts() {
        return new Rollouts() {
          @Override
          public String selector() {
            return "app.kubernetes.io/managed-by=shopset";
          }

          @Override
          public Duration progressInterval() {
            return Duration.ZERO;
          }
        };
      }
    };
  }
}
