package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.tracing.Traced;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.PromotionPlanner;
import dev.shopset.watcher.kafka.EventPublisher;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a new Promotion into a PromotionRequested on {@code shopset.promotions} (then status
 * Pending), or a Failed status when it cannot be carried out; writes the results git-pusher reports
 * on {@code shopset.promotion-results} into Promotion status. Each request starts a trace ({@code
 * shopset.promotions publish}) that the git-pusher's promotion, the new code's pin bumps and the
 * status write continue.
 */
@ApplicationScoped
public class PromotionService {

  private final Informers informers;
  private final EventPublisher publisher;
  private final StatusWriter status;
  private final WatcherMetrics metrics;
  private final Tracer tracer;

  public PromotionService(
      Informers informers,
      EventPublisher publisher,
      StatusWriter status,
      WatcherMetrics metrics,
      Tracer tracer) {
    this.informers = informers;
    this.publisher = publisher;
    this.status = status;
    this.metrics = metrics;
    this.tracer = tracer;
  }

  void reconcile(String name, Instant seenAt) {
    Promotion promotion = informers.promotions().get(name);
    if (promotion == null) {
      return;
    }
    var plan = PromotionPlanner.plan(promotion, informers.tiers()::get, Instant.now());
    if (plan.request() != null) {
      // The cache may not show the Pending status written a moment ago: ask the API server.
      Promotion fresh = status.currentPromotion(name);
      if (fresh == null) {
        return;
      }
      plan = PromotionPlanner.plan(fresh, informers.tiers()::get, Instant.now());
    }
    if (plan.request() != null) {
      // Published before the status: a crash in between repeats the same request (same id).
      var request = plan.request();
      try (Traced span =
          Traced.span(tracer, "shopset.promotions publish")
              .kind(SpanKind.PRODUCER)
              .parent(null)
              .startedAt(seenAt)
              .attribute("messaging.system", "kafka")
              .attribute("messaging.destination.name", Topics.PROMOTIONS)
              .attribute("shopset.promotion", name)
              .attribute("shopset.tier", request.toTier())
              .start()) {
        span.eventId(publisher.publish(request).id());
      }
      metrics.changeToEvent("promotion", Duration.between(seenAt, Instant.now()));
    }
    if (plan.status() != null) {
      var planned = plan.status();
      status.promotion(
          name,
          fresh ->
              PromotionPlanner.plan(fresh, informers.tiers()::get, Instant.now()).status() == null
                  ? Optional.empty()
                  : Optional.of(planned));
    }
  }

  /**
   * Records a result, waiting out an unreachable API server; returns whether the status was
   * written.
   */
  public boolean record(PromotionResult result) {
    return status.promotionUntilWritten(
        result.promotion(),
        fresh ->
            PromotionPlanner.statusOf(fresh.getStatus(), result)
                .map(s -> PromotionPlanner.at(s, Instant.now())));
  }
}
