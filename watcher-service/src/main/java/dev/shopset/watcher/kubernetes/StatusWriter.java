package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.watcher.WatcherMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes ShopSet and Promotion status through the status subresource, computing the new status from
 * the object as the API server has it now; writes nothing when the status would not change.
 */
@ApplicationScoped
public class StatusWriter {

  private final KubernetesClient client;
  private final WatcherMetrics metrics;

  public StatusWriter(KubernetesClient client, WatcherMetrics metrics) {
    this.client = client;
    this.metrics = metrics;
  }

  /**
   * Updates a ShopSet's status with {@code change} (empty: nothing to write).
   *
   * @return whether a write happened
   */
  public boolean shopSet(
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
    metrics.statusWritten();
    return true;
  }

  /** Updates a Promotion's status with {@code change}; returns whether a write happened. */
  public boolean promotion(String name, Function<Promotion, Optional<PromotionStatus>> change) {
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
    metrics.statusWritten();
    return true;
  }
}
