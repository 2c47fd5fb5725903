package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.watcher.WatcherConfig;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.WorkQueue.Kind;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts the informers and, once every one has synced, the single reconcile worker that takes keys
 * off the {@link WorkQueue}. One worker keeps the events of one object in order; a failed reconcile
 * is retried after a delay that doubles per failure in a row, level-triggered, from whatever the
 * state is by then.
 */
@ApplicationScoped
public class WatcherLoop {

  private static final Logger LOG = Logger.getLogger(WatcherLoop.class);

  /** The longest wait before an object whose reconciles keep failing is tried again. */
  static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);

  private final Informers informers;
  private final WorkQueue queue;
  private final DesiredStateService desired;
  private final PromotionService promotions;
  private final RolloutService rollouts;
  private final WatcherMetrics metrics;
  private final WatcherConfig config;
  private final PublishedDesiredState published;
  private final Leadership leadership;
  private final SourceStatusService sources;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "watcher-retries"));
  // Failed reconciles in a row per object (kind and key); touched by the worker thread only.
  private final Map<String, Integer> failures = new HashMap<>();
  private final Backoff retryBackoff;
  private volatile Thread worker;
  private volatile boolean running;

  public WatcherLoop(
      Informers informers,
      WorkQueue queue,
      DesiredStateService desired,
      PromotionService promotions,
      RolloutService rollouts,
      WatcherMetrics metrics,
      WatcherConfig config,
      PublishedDesiredState published,
      Leadership leadership,
      SourceStatusService sources) {
    this.leadership = leadership;
    this.sources = sources;
    this.informers = informers;
    this.queue = queue;
    this.desired = desired;
    this.promotions = promotions;
    this.rollouts = rollouts;
    this.metrics = metrics;
    this.config = config;
    this.published = published;
    this.retryBackoff = retries(config.retryDelay());
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    worker = new Thread(this::run, "watcher-reconcile");
    worker.setDaemon(true);
    // The informers start (and keep retrying) in the background; readiness waits for their sync.
    informers.start();
    leadership.start();
    worker.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (worker != null) {
      worker.interrupt();
    }
    retries.shutdownNow();
    leadership.stop();
    informers.stop();
  }

  /**
   * Whether the informers have synced and the worker runs (reconciling when this replica leads,
   * standing by otherwise: a standby is ready, so a rolling update can proceed).
   */
  public boolean ready() {
    return running && informers.synced() && worker != null && worker.isAlive();
  }

  /** Whether this replica leads and so reconciles. */
  public boolean leading() {
    return leadership.leading();
  }

  /**
   * Forgets everything reconciled so far and reconciles every object again from the informer
   * stores, as a restarted watcher does after its initial list.
   */
  public void restart() {
    desired.forgetAll();
    rollouts.forgetAll();
    enqueueEverything();
  }

  private void run() {
    while (running) {
      // A ShopSet reconciled before the Tier store is filled would be reported TierNotFound.
      if (!informers.synced() || !leadership.leading()) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      long term = leadership.term();
      if (term > 1) {
        // Led before, stood by since: another replica may have published meanwhile.
        desired.forgetAll();
        rollouts.forgetAll();
      }
      recoverDeletions();
      enqueueEverything();
      while (running && leadership.leading(term)) {
        WorkQueue.Item item;
        try {
          item = queue.poll(500);
        } catch (InterruptedException e) {
          return;
        }
        if (item != null) {
          process(item);
        }
      }
    }
  }

  private void enqueueEverything() {
    informers.shopSets().list().forEach(s -> queue.add(Kind.SHOPSET, Informers.key(s)));
    informers.promotions().list().forEach(p -> queue.add(Kind.PROMOTION, Informers.key(p)));
    informers.deployments().list().forEach(d -> queue.add(Kind.DEPLOYMENT, Informers.key(d)));
    informers.tiers().list().forEach(t -> queue.add(Kind.TIER, Informers.key(t)));
    informers.configurations().list().forEach(c -> queue.add(Kind.CONFIGURATION, Informers.key(c)));
  }

  /**
   * ShopSets deleted while no watcher ran never reach an informer: the ones {@code shopset.desired}
   * still carries get their deletion published now. Best effort: if the topic cannot be read, they
   * stay (as they would have without this step) and a warning says so.
   */
  private void recoverDeletions() {
    try {
      var namespaces = config.namespaces().orElse(List.of());
      var orphans =
          desired.adoptOrphans(
              published.read(), ns -> namespaces.isEmpty() || namespaces.contains(ns));
      if (!orphans.isEmpty()) {
        LOG.infof("ShopSets deleted while no watcher ran: %s", orphans);
      }
      orphans.forEach(key -> queue.add(Kind.SHOPSET, key));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Could not read %s to find ShopSets deleted while no watcher ran: %s",
          Topics.DESIRED, e.toString());
    }
  }

  private void process(WorkQueue.Item item) {
    try {
      switch (item.kind()) {
        case SHOPSET -> desired.reconcile(item.key(), item.seenAt());
        case PROMOTION ->
            promotions.reconcile(item.key(), item.seenAt()).ifPresent(at -> lookAgainAt(item, at));
        case DEPLOYMENT -> rollouts.reconcile(item.key(), item.seenAt());
        case TIER -> sources.reconcileTier(item.key());
        case CONFIGURATION -> sources.reconcileConfiguration(item.key());
      }
      metrics.reconciled();
      failures.remove(item.kind() + " " + item.key());
    } catch (RuntimeException e) {
      int failed = failures.merge(item.kind() + " " + item.key(), 1, Integer::sum);
      Duration delay = retryBackoff.delay(failed);
      LOG.warnf(
          "Reconcile of %s %s failed (%d in a row), retrying in %s: %s",
          item.kind(), item.key(), failed, delay, e.toString());
      retries.schedule(
          () -> queue.add(item.kind(), item.key()), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Reconciles {@code item} again at {@code at} (a little after: the moment itself may be early).
   */
  private void lookAgainAt(WorkQueue.Item item, Instant at) {
    long millis = Math.max(0, Duration.between(Instant.now(), at).toMillis()) + 100;
    retries.schedule(() -> queue.add(item.kind(), item.key()), millis, TimeUnit.MILLISECONDS);
  }

  /**
   * The backoff of an object's reconciles failing in a row: {@code first}, doubled per failure up
   * to {@link #MAX_RETRY_DELAY}, jittered. A reconcile fails at once when the API server is
   * unreachable (its status write is not retried in place, so one object's write never holds the
   * others back); this keeps a long outage from being asked every two seconds per object.
   */
  static Backoff retries(Duration first) {
    return new Backoff(first, MAX_RETRY_DELAY);
  }
}
