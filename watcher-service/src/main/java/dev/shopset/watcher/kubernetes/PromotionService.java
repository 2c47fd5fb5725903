package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApprovalStatus;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.tracing.Traced;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.ApprovalDecisions;
import dev.shopset.watcher.domain.PromotionPlanner;
import dev.shopset.watcher.domain.PromotionStatuses;
import dev.shopset.watcher.kafka.EventPublisher;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds a Promotion into a Tier that requires approvals in PendingApproval until its
 * PromotionApprovals suffice (or it is rejected or expires), then turns it into a
 * PromotionRequested on {@code shopset.promotions} (status Pending), or a Failed status when it
 * cannot be carried out; writes the results git-pusher reports on {@code shopset.promotion-results}
 * into Promotion status. Every change of where a Promotion stands is published as a
 * PromotionApprovalState on {@code shopset.approvals}, before the status that records it. Each
 * request starts a trace ({@code shopset.promotions publish}) that the git-pusher's promotion, the
 * new code's pin bumps and the status write continue.
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

  /**
   * Reconciles the Promotion {@code name}; returns when to reconcile it again though nothing
   * changes: the moment a Promotion waiting for approvals expires (else it would be seen expired
   * only at the next resync, minutes later).
   */
  Optional<Instant> reconcile(String name, Instant seenAt) {
    Promotion promotion = informers.promotions().get(name);
    if (promotion == null) {
      return Optional.empty();
    }
    return reconcile(promotion, seenAt, false);
  }

  private Optional<Instant> reconcile(Promotion promotion, Instant seenAt, boolean fresh) {
    String name = promotion.getMetadata().getName();
    Function<String, Tier> tiers = informers.tiers()::get;
    Instant now = Instant.now();
    String target = PromotionPlanner.targetTier(promotion, tiers);
    var decision =
        ApprovalDecisions.decide(
            promotion,
            target == null ? null : tiers.apply(target),
            informers.approvalsOf(name),
            now);
    decision.verdicts().forEach(this::recordVerdict);
    if (!decision.run()) {
      if (decision.status() != null) {
        persist(promotion, decision.status(), target);
      }
      return expiry(decision, now);
    }
    var plan = PromotionPlanner.plan(promotion, tiers, now);
    if (plan.request() != null && !fresh) {
      // The cache may not show the Pending status written a moment ago: ask the API server.
      Promotion current = status.currentPromotion(name);
      return current == null ? Optional.empty() : reconcile(current, seenAt, true);
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
      persist(promotion, PromotionStatuses.withGate(plan.status(), decision.gate()), target);
    }
    return Optional.empty();
  }

  /** When a Promotion still waiting for approvals expires; empty when it does not wait. */
  private static Optional<Instant> expiry(ApprovalDecisions.Decision decision, Instant now) {
    var gate = decision.gate();
    if (gate == null || gate.expiresAt() == null || gate.rejectedBy() != null) {
      return Optional.empty();
    }
    Instant at = Instant.parse(gate.expiresAt());
    return now.isBefore(at) ? Optional.of(at) : Optional.empty();
  }

  /**
   * Publishes where the Promotion stands when that changed, then writes it as its status, unless
   * the status moved on meanwhile (a result written by the consumer).
   */
  private void persist(Promotion promotion, PromotionStatus next, String target) {
    PromotionStatus cached = promotion.getStatus();
    if (PromotionStatuses.same(cached, next)) {
      return;
    }
    long generation = next.observedGeneration() == null ? 0 : next.observedGeneration();
    status.promotion(
        promotion.getMetadata().getName(),
        fresh -> {
          PromotionStatus current = fresh.getStatus();
          if (!replaceable(current, generation) || PromotionStatuses.same(current, next)) {
            return Optional.empty();
          }
          PromotionStatus written = PromotionStatuses.withConditions(next, current);
          publisher.publish(stateOf(fresh, written, target));
          return Optional.of(written);
        });
  }

  /** Whether a status for {@code generation} may replace {@code current}. */
  private static boolean replaceable(PromotionStatus current, long generation) {
    return current == null
        || current.observedGeneration() == null
        || current.observedGeneration() < generation
        || current.phase() == Phase.PendingApproval
        || current.phase() == Phase.Approved;
  }

  private PromotionApprovalState stateOf(Promotion promotion, PromotionStatus s, String target) {
    String from = promotion.getSpec() == null ? null : promotion.getSpec().tier();
    return PromotionStatuses.state(promotion, s, from, target == null ? from : target);
  }

  private void recordVerdict(String approval, PromotionApprovalStatus verdict) {
    var cached = informers.approval(approval);
    if (cached != null && Objects.equals(cached.getStatus(), verdict)) {
      return;
    }
    status.approval(
        approval,
        current -> Objects.equals(current, verdict) ? Optional.empty() : Optional.of(verdict));
  }

  /**
   * Records a result, waiting out an unreachable API server; returns whether the status was
   * written. The PromotionApprovalState that says the same is published first.
   */
  public boolean record(PromotionResult result) {
    return status.promotionUntilWritten(
        result.promotion(),
        fresh -> {
          Optional<PromotionStatus> next =
              PromotionPlanner.statusOf(fresh.getStatus(), result)
                  .map(s -> PromotionPlanner.at(s, Instant.now()));
          next.ifPresent(s ->
              publisher.publish(
                  stateOf(fresh, s, PromotionPlanner.targetTier(fresh, informers.tiers()::get))));
          return next;
        });
  }
}
