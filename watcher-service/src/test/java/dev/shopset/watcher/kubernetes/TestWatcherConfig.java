package dev.shopset.watcher.kubernetes;

import dev.shopset.watcher.WatcherConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Watcher settings for tests that build the watcher's parts by hand: no resync. */
final class TestWatcherConfig {
  private TestWatcherConfig() {}

  static final WatcherConfig INSTANCE = of(List.of());

  /** Watching only {@code namespaces} (all when empty). */
  static WatcherConfig of(List<String> namespaces) {
    return new WatcherConfig() {
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
