package dev.shopset.notifier;

import dev.shopset.notifier.domain.NotifierMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The notifier's counters in Prometheus ({@code /q/metrics}). */
@ApplicationScoped
public class MicrometerMetrics implements NotifierMetrics {

  private final MeterRegistry registry;

  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void posted(String kind) {
    registry.counter("notifier.slack.calls", "kind", kind).increment();
  }

  @Override
  public void retried(String reason) {
    String r = reason.startsWith("network") ? "network" : reason;
    registry.counter("notifier.slack.retries", "reason", r).increment();
  }

  @Override
  public void deadLettered(String reason) {
    String r = reason.startsWith("internal_error") ? "internal_error" : reason;
    registry.counter("notifier.dead.letters", "reason", r).increment();
  }

  @Override
  public void coalesced() {
    registry.counter("notifier.progress.coalesced").increment();
  }

  @Override
  public void duplicateAvoided() {
    registry.counter("notifier.duplicates.avoided").increment();
  }
}
