package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.PromotionPlanner;
import dev.shopset.watcher.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a new Promotion into a PromotionRequested on {@code shopset.promotions} (then status
 * Pending), or a Failed status when it cannot be carried out; writes the results git-pusher reports
 * on {@code shopset.promotion-results} into Promotion status.
 */
@ApplicationScoped
public class PromotionService {

  private final Informers informers;
  private final EventPublisher publisher;
  private final StatusWriter status;
  private final WatcherMetrics metrics;

  public PromotionService(
      Informers informers, EventPublisher publisher, StatusWriter status, WatcherMetrics metrics) {
    this.informers = informers;
    this.publisher = publisher;
    this.status = status;
    this.metrics = metrics;
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
      publisher.publish(plan.request());
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
