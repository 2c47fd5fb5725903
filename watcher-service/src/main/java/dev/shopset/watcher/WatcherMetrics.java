package dev.shopset.watcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The watcher's meters: events emitted by type, informer store sizes, time from a resource change
 * to its event, status writes and reconciles.
 */
@ApplicationScoped
public class WatcherMetrics {

  private final MeterRegistry registry;
  private final Counter statusWrites;
  private final Counter reconciles;
  private final List<Meter> gauges = new CopyOnWriteArrayList<>();

  public WatcherMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.statusWrites =
        Counter.builder("shopset.watcher.status.writes")
            .description("Status subresource writes")
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

  @PreDestroy
  void removeGauges() {
    // The registry may outlive this bean (global composite); a stale gauge would read stopped
    // stores.
    gauges.forEach(registry::remove);
  }

  public void statusWritten() {
    statusWrites.increment();
  }

  public double statusWrites() {
    return statusWrites.count();
  }

  public void reconciled() {
    reconciles.increment();
  }

  public double reconciles() {
    return reconciles.count();
  }
}
