package dev.shopset.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.ShopSetStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** ShopSets counted by tier and Ready, as the alert ShopSetsNotReady reads them. */
class WatcherMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shopSetsAreCountedByTierAndReadyAndATierThatEmptiesDropsOut() {
    List<ShopSet> store =
        new CopyOnWriteArrayList<>(
            List.of(
                shopSet("dev", "True"),
                shopSet("dev", "True"),
                shopSet("dev", "False"),
                shopSet("prod", "Unknown"),
                shopSet("prod", null)));
    WatcherMetrics metrics = new WatcherMetrics(registry);
    metrics.countShopSets(() -> store, Duration.ofMillis(20));
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> count("prod", "Unknown") == 2);
      assertThat(count("dev", "True")).isEqualTo(2);
      assertThat(count("dev", "False")).isEqualTo(1);
      assertThat(count("dev", "Unknown")).as("zeros are series too").isZero();
      assertThat(count("prod", "True")).isZero();

      store.removeIf(s -> s.getSpec().tier().equals("prod"));
      store.add(shopSet("dev", "True"));
      await().atMost(Duration.ofSeconds(5)).until(() -> count("dev", "True") == 3);
      assertThat(registry.find("shopset.watcher.shopsets").tag("tier", "prod").gauges()).isEmpty();
    } finally {
      metrics.removeGauges();
    }
  }

  @Test
  void statusWritesAreCountedByKindFromZero() {
    WatcherMetrics metrics = new WatcherMetrics(registry);
    assertThat(registry.find("shopset.watcher.status.writes").counters()).hasSize(4);
    metrics.statusWritten("tier");
    metrics.statusWritten("tier");
    metrics.statusWritten("shopset");
    assertThat(registry.get("shopset.watcher.status.writes").tag("kind", "tier").counter().count())
        .isEqualTo(2);
    assertThat(metrics.statusWrites()).isEqualTo(3);
  }

  private double count(String tier, String ready) {
    Gauge gauge =
        registry.find("shopset.watcher.shopsets").tag("tier", tier).tag("ready", ready).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private static ShopSet shopSet(String tier, String ready) {
    ShopSet s = new ShopSet();
    s.setSpec(new ShopSetSpec(tier, "c", List.of("a"), 1, null, null, null, null, null, null));
    if (ready != null) {
      s.setStatus(
          new ShopSetStatus(
              1L,
              List.of(new Condition("Ready", ready, "R", "m", "2026-01-01T00:00:00Z", 1L)),
              null));
    }
    return s;
  }
}
