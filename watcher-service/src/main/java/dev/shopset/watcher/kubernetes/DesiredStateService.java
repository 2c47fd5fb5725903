package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.tracing.LogFields;
import dev.shopset.tracing.Traced;
import dev.shopset.watcher.RepositoriesConfig;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.Orphans;
import dev.shopset.watcher.domain.ShopSetReconciler;
import dev.shopset.watcher.domain.ShopSetStatuses;
import dev.shopset.watcher.kafka.EventPublisher;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reconciles one ShopSet: joins it with its Tier and Configuration from the informer stores,
 * publishes its desired state (or its deletion and a tombstone) on {@code shopset.desired} when it
 * changed, and writes its Valid condition when that changed. A reconcile that publishes starts the
 * change's trace (span {@code shopset.desired publish}, from when the change was seen): every
 * service that handles the change continues it from the event's {@code ce_traceparent}.
 */
@ApplicationScoped
public class DesiredStateService {

  private final Informers informers;
  private final EventPublisher publisher;
  private final StatusWriter status;
  private final WatcherMetrics metrics;
  private final RepositoryPolicy repositories;
  private final Tracer tracer;
  private final ShopSetReconciler reconciler =
      new ShopSetReconciler(event -> EventCodec.contentId(EventType.of(event), event));

  public DesiredStateService(
      Informers informers,
      EventPublisher publisher,
      StatusWriter status,
      WatcherMetrics metrics,
      RepositoriesConfig repositories,
      Tracer tracer) {
    this.tracer = tracer;
    this.repositories = RepositoryPolicy.allowing(repositories.prefixes().orElse(List.of()));
    this.informers = informers;
    this.publisher = publisher;
    this.status = status;
    this.metrics = metrics;
  }

  void reconcile(String key, Instant seenAt) {
    // Every line about this ShopSet names it, whether or not the reconcile publishes.
    try (LogFields shopSet = LogFields.put(LogFields.SHOPSET, key)) {
      plan(key, seenAt);
    }
  }

  private void plan(String key, Instant seenAt) {
    ShopSet current = informers.shopSets().get(key);
    var plan =
        reconciler.plan(
            key,
            current,
            informers.deletedShopSet(key),
            new ShopSetReconciler.Lookup() {
              @Override
              public Tier tier(String name) {
                return informers.tiers().get(name);
              }

              @Override
              public Configuration configuration(String namespace, String name) {
                return informers.configurations().get(Keys.object(namespace, name));
              }

              @Override
              public Tenancy tenancy(String namespace) {
                return Tenancy.of(namespace, informers.namespaceLabels(namespace), repositories);
              }
            });
    // Only a reconcile that publishes is a change worth a trace: resyncs record nothing.
    try (Traced change = plan.outputs().isEmpty() ? null : changeSpan(key, seenAt)) {
      apply(key, seenAt, current, plan, change);
    }
  }

  /** A new trace for a change of the ShopSet {@code key}, from when it was seen. */
  private Traced changeSpan(String key, Instant seenAt) {
    int slash = key.indexOf('/');
    return Traced.span(tracer, "shopset.desired publish")
        .kind(SpanKind.PRODUCER)
        .parent(null)
        .startedAt(seenAt)
        .shopSet(key.substring(0, Math.max(slash, 0)), key.substring(slash + 1))
        .attribute("messaging.system", "kafka")
        .attribute("messaging.destination.name", Topics.DESIRED)
        .start();
  }

  private void apply(
      String key, Instant seenAt, ShopSet current, ShopSetReconciler.Plan plan, Traced span) {
    for (var output : plan.outputs()) {
      if (output.tombstone()) {
        publisher.tombstone(Topics.DESIRED, output.key());
      } else {
        var event = publisher.publish(output.event());
        if (span != null) {
          span.eventId(event.id());
        }
      }
    }
    reconciler.applied(plan);
    if (!plan.outputs().isEmpty()) {
      metrics.changeToEvent("shopset", Duration.between(seenAt, Instant.now()));
    }
    if (current == null) {
      informers.forgetDeleted(key);
      return;
    }
    if (plan.valid() != null) {
      long generation = plan.valid().observedGeneration();
      Integer shops =
          current.getSpec() == null || current.getSpec().shops() == null
              ? null
              : current.getSpec().shops().size();
      Function<ShopSetStatus, Optional<ShopSetStatus>> change =
          before -> {
            Instant now = Instant.now();
            ShopSetStatus after =
                ShopSetStatuses.withValid(before, plan.valid(), generation, shops, now)
                    .orElse(before);
            if (plan.parked() != null) {
              after =
                  ShopSetStatuses.withParked(after, plan.parked(), generation, now).orElse(after);
            }
            return ShopSetStatuses.same(before, after) ? Optional.empty() : Optional.of(after);
          };
      // Compare with the cached copy first: most reconciles need no API call at all.
      if (change.apply(current.getStatus()).isPresent()) {
        status.shopSet(
            current.getMetadata().getNamespace(),
            current.getMetadata().getName(),
            fresh -> change.apply(fresh.getStatus()));
      }
    }
  }

  /**
   * Takes over the ShopSets {@code published} on {@code shopset.desired} that no longer exist in a
   * watched namespace (deleted while no watcher ran); returns their keys, whose next reconcile
   * publishes their deletion. Call once the informers have synced.
   */
  List<String> adoptOrphans(Map<String, Orphans.Placement> published, Predicate<String> watched) {
    // Every published placement is adopted: a ShopSet that moved while no watcher ran has its old
    // place parked by its first reconcile, one that is gone has its deletion published.
    published.forEach((key, p) ->
        reconciler.adopt(
            key,
            new ShopSetReconciler.Emitted(p.id(), p.tier(), p.systemRepository(), p.branch())));
    var orphans = Orphans.of(published, key -> informers.shopSets().get(key) != null, watched);
    return List.copyOf(orphans.keySet());
  }

  /** The id last published for a ShopSet ({@code namespace/name}), or null. */
  public String lastId(String key) {
    return reconciler.lastId(key);
  }

  /** Forgets what was published, as a restarted process would; the next reconcile re-emits. */
  void forgetAll() {
    reconciler.forgetAll();
  }
}
