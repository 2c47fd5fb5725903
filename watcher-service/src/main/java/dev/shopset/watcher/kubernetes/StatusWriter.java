package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationStatus;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionApprovalStatus;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierStatus;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.watcher.WatcherMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes ShopSet and Promotion status through the status subresource, computing the new status from
 * the object as the API server has it now; writes nothing when the status would not change.
 */
@ApplicationScoped
public class StatusWriter {

  /** Conflicts retried from a fresh read before a write gives up. */
  private static final int MAX_CONFLICTS = 5;

  /**
   * Attempts of a reconcile's write against an unreachable API server: one. The reconcile fails and
   * is re-queued with backoff, so the single reconcile worker goes on with the other objects (their
   * desired state still reaches Kafka during an API outage) instead of waiting here.
   */
  private static final int ONCE = 1;

  /** After this many attempts a write that waits out the API server says it still fails. */
  private static final int WARN_AFTER = 5;

  private static final Logger LOG = Logger.getLogger(StatusWriter.class);

  private final KubernetesClient client;
  private final WatcherMetrics metrics;
  private final Backoff backoff;

  @Inject
  public StatusWriter(KubernetesClient client, WatcherMetrics metrics) {
    this(client, metrics, Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  StatusWriter(
      KubernetesClient client, WatcherMetrics metrics, Duration backoff, Duration maxBackoff) {
    this.client = client;
    this.metrics = metrics;
    this.backoff = new Backoff(backoff, maxBackoff);
  }

  /**
   * Updates a ShopSet's status with {@code change} (empty: nothing to write), for a reconcile: an
   * unreachable API server fails it at once (the reconcile is re-queued).
   *
   * @return whether a write happened
   */
  public boolean shopSet(
      String namespace, String name, Function<ShopSet, Optional<ShopSetStatus>> change) {
    return withRetries(() -> writeShopSet(namespace, name, change), ONCE);
  }

  /**
   * Like {@link #shopSet}, but an unreachable or overloaded API server is waited out however long
   * it takes: for a Kafka record whose offset must not advance before its status is written.
   */
  public boolean shopSetUntilWritten(
      String namespace, String name, Function<ShopSet, Optional<ShopSetStatus>> change) {
    return withRetries(() -> writeShopSet(namespace, name, change), Integer.MAX_VALUE);
  }

  private boolean writeShopSet(
      String namespace, String name, Function<ShopSet, Optional<ShopSetStatus>> change) {
    var resource = client.resources(ShopSet.class).inNamespace(namespace).withName(name);
    ShopSet current = resource.get();
    if (current == null) {
      return false;
    }
    Optional<ShopSetStatus> next = change.apply(current);
    if (next.isEmpty()) {
      return false;
    }
    current.setStatus(next.get());
    // A PUT with the resourceVersion just read: a concurrent write makes it fail and retry.
    resource.updateStatus(current);
    metrics.statusWritten("shopset");
    return true;
  }

  /** Updates a Promotion's status with {@code change}; returns whether a write happened. */
  public boolean promotion(String name, Function<Promotion, Optional<PromotionStatus>> change) {
    return withRetries(() -> writePromotion(name, change), ONCE);
  }

  /** Like {@link #promotion}, waiting out an unreachable API server (see shopSetUntilWritten). */
  public boolean promotionUntilWritten(
      String name, Function<Promotion, Optional<PromotionStatus>> change) {
    return withRetries(() -> writePromotion(name, change), Integer.MAX_VALUE);
  }

  private boolean writePromotion(
      String name, Function<Promotion, Optional<PromotionStatus>> change) {
    var resource = client.resources(Promotion.class).withName(name);
    Promotion current = resource.get();
    if (current == null) {
      return false;
    }
    Optional<PromotionStatus> next = change.apply(current);
    if (next.isEmpty()) {
      return false;
    }
    current.setStatus(next.get());
    resource.updateStatus(current);
    metrics.statusWritten("promotion");
    return true;
  }

  /** Updates a Tier's status with {@code change}, waiting out an unreachable API server. */
  public boolean tierUntilWritten(String name, Function<Tier, Optional<TierStatus>> change) {
    return withRetries(
        () -> {
          var resource = client.resources(Tier.class).withName(name);
          Tier current = resource.get();
          if (current == null) {
            return false;
          }
          Optional<TierStatus> next = change.apply(current);
          if (next.isEmpty()) {
            return false;
          }
          current.setStatus(next.get());
          resource.updateStatus(current);
          metrics.statusWritten("tier");
          return true;
        },
        Integer.MAX_VALUE);
  }

  /** Updates a Configuration's status, waiting out an unreachable API server. */
  public boolean configurationUntilWritten(
      String namespace,
      String name,
      Function<Configuration, Optional<ConfigurationStatus>> change) {
    return withRetries(
        () -> {
          var resource =
              client.resources(Configuration.class).inNamespace(namespace).withName(name);
          Configuration current = resource.get();
          if (current == null) {
            return false;
          }
          Optional<ConfigurationStatus> next = change.apply(current);
          if (next.isEmpty()) {
            return false;
          }
          current.setStatus(next.get());
          resource.updateStatus(current);
          metrics.statusWritten("configuration");
          return true;
        },
        Integer.MAX_VALUE);
  }

  /** Updates a PromotionApproval's status with {@code change}; returns whether a write happened. */
  public boolean approval(
      String name, Function<PromotionApprovalStatus, Optional<PromotionApprovalStatus>> change) {
    return withRetries(
        () -> {
          var resource = client.resources(PromotionApproval.class).withName(name);
          PromotionApproval current = resource.get();
          if (current == null) {
            return false;
          }
          Optional<PromotionApprovalStatus> next = change.apply(current.getStatus());
          if (next.isEmpty()) {
            return false;
          }
          current.setStatus(next.get());
          resource.updateStatus(current);
          metrics.statusWritten("promotionapproval");
          return true;
        },
        ONCE);
  }

  /** The Promotion as the API server has it now, or null. */
  public Promotion currentPromotion(String name) {
    return client.resources(Promotion.class).withName(name).get();
  }

  /**
   * Runs a read-compute-write, again on a conflict (someone wrote in between: recompute from the
   * new state; at most {@link #MAX_CONFLICTS} times) and, with backoff, while the API server is
   * unreachable or overloaded, up to {@code maxOutages} attempts that met it so. Other rejections
   * are terminal and thrown.
   */
  private boolean withRetries(Supplier<Boolean> write, int maxOutages) {
    int conflicts = 0;
    int outages = 0;
    while (true) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        boolean conflict = e.getCode() == 409;
        boolean unavailable = e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
        if (conflict) {
          // Retried at once from a fresh read, so never without a bound.
          if (++conflicts >= MAX_CONFLICTS) {
            throw e;
          }
        } else if (!unavailable || ++outages >= maxOutages) {
          throw e;
        } else {
          Duration wait = backoff.delay(outages);
          if (outages == WARN_AFTER) {
            LOG.warnf("Status write still failing after %d attempts, retrying: %s", outages, e);
          }
          sleep(wait);
        }
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("Interrupted while waiting to retry a status write");
    }
  }
}
