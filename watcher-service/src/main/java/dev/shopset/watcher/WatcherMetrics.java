package dev.shopset.watcher;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.ShopSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The watcher's meters, named as the README's metrics table lists them: events emitted by type,
 * informer store sizes, time from a resource change to its event, status writes by kind,
 * reconciles, whether this replica leads, and ShopSets by tier and Ready.
 */
@ApplicationScoped
public class WatcherMetrics {

  /** The kinds whose status the watcher writes, the values of label {@code kind}. */
  public static final List<String> STATUS_KINDS =
      List.of("shopset", "tier", "configuration", "promotion");

  private final MeterRegistry registry;
  private final Map<String, Counter> statusWrites = new ConcurrentHashMap<>();
  private final Counter reconciles;
  private final List<Meter> gauges = new CopyOnWriteArrayList<>();
  private final MultiGauge shopSetsByReady;
  private ScheduledExecutorService counting;

  public WatcherMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String kind : STATUS_KINDS) {
      statusWrites.put(
          kind,
          Counter.builder("shopset.watcher.status.writes")
              .description("Status subresource writes, by kind")
              .tag("kind", kind)
              .register(registry));
    }
    this.shopSetsByReady =
        MultiGauge.builder("shopset.watcher.shopsets")
            .description(
                "ShopSets by tier and the status of their Ready condition (True, False, Unknown);"
                    + " every replica counts its informer's store")
            .register(registry);
    this.reconciles =
        Counter.builder("shopset.watcher.reconciles")
            .description("Reconciles of one object, whatever their outcome")
            .register(registry);
  }

  /** One event (or tombstone) of {@code type} was written. */
  public void emitted(String type) {
    Counter.builder("shopset.watcher.events.emitted")
        .description("Events written, by CloudEvents type")
        .tag("type", type)
        .register(registry)
        .increment();
  }

  /** One record of {@code topic} went to its dead-letter topic for {@code reason}. */
  public void deadLettered(String topic, String reason) {
    Counter.builder("shopset.dead.letters")
        .description("Records sent to a dead-letter topic, by the topic they came from and why")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Time from a change being observed to its event being written. */
  public void changeToEvent(String kind, Duration elapsed) {
    Timer.builder("shopset.watcher.change.to.event")
        .description("Time from a resource change seen by an informer to its event written")
        .tag("kind", kind)
        .register(registry)
        .record(elapsed);
  }

  /** Registers a gauge of an informer's store size. */
  public void storeSize(String resource, Supplier<Number> size) {
    var gauge =
        Gauge.builder("shopset.watcher.informer.store.size", () -> size.get().doubleValue())
            .description("Objects in an informer's store")
            .tag("resource", resource)
            .register(registry);
    gauges.add(gauge);
  }

  /** Registers the gauge that says whether this replica leads (1) or stands by (0). */
  public void leader(Supplier<Number> leading) {
    gauges.add(
        Gauge.builder("shopset.watcher.leader", () -> leading.get().doubleValue())
            .description("1 when this watcher replica holds the Lease and reconciles")
            .register(registry));
  }

  /**
   * Counts {@code shopSets} by tier and Ready every {@code period} into {@code
   * shopset_watcher_shopsets}; a tier whose ShopSets are gone drops out.
   */
  public synchronized void countShopSets(Supplier<List<ShopSet>> shopSets, Duration period) {
    if (counting != null) {
      return;
    }
    counting =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("shopset-counts").factory());
    counting.scheduleWithFixedDelay(
        () -> {
          try {
            shopSetsByReady.register(rows(shopSets.get()), true);
          } catch (RuntimeException e) {
            // a store read during a restart of the informers: the next round counts again
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The gauge rows of {@code shopSets}: one per tier and Ready status, zeros included. */
  static List<MultiGauge.Row<?>> rows(List<ShopSet> shopSets) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (ShopSet s : shopSets) {
      String tier = s.getSpec() == null || s.getSpec().tier() == null ? "" : s.getSpec().tier();
      String ready = Condition.UNKNOWN;
      if (s.getStatus() != null && s.getStatus().conditions() != null) {
        for (Condition c : s.getStatus().conditions()) {
          if (Conditions.READY.equals(c.type()) && c.status() != null) {
            ready = c.status();
          }
        }
      }
      counts.computeIfAbsent(tier, t -> new TreeMap<>()).merge(ready, 1L, Long::sum);
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach((tier, byReady) -> {
      for (String ready : List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN)) {
        rows.add(
            MultiGauge.Row.of(
                Tags.of("tier", tier, "ready", ready), byReady.getOrDefault(ready, 0L)));
      }
    });
    return rows;
  }

  @PreDestroy
  void removeGauges() {
    if (counting != null) {
      counting.shutdownNow();
    }
    shopSetsByReady.register(List.of(), true);
    // The registry may outlive this bean (global composite); a stale gauge would read stopped
    // stores.
    gauges.forEach(registry::remove);
  }

  /** A status of {@code kind} (one of {@link #STATUS_KINDS}) was written. */
  public void statusWritten(String kind) {
    statusWrites.get(kind).increment();
  }

  /** Status writes so far, of every kind. */
  public double statusWrites() {
    return statusWrites.values().stream().mapToDouble(Counter::count).sum();
  }

  public void reconciled() {
    reconciles.increment();
  }

  public double reconciles() {
    return reconciles.count();
  }
}
