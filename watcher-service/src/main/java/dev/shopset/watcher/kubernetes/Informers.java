package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.watcher.WatcherConfig;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.WorkQueue.Kind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The shared informers on ShopSet, Tier, Configuration, Promotion and managed Deployments. Their
 * handlers only put keys on the {@link WorkQueue}; a Tier or Configuration change puts the keys of
 * the ShopSets that reference it.
 */
@ApplicationScoped
public class Informers {

  private static final Logger LOG = Logger.getLogger(Informers.class);
  static final String BY_TIER = "tier";
  static final String BY_CONFIGURATION = "configuration";
  static final String BY_NAMESPACE = "shopset-namespace";
  static final String BY_PROMOTION = "approval-promotion";

  private final InformerSet<ShopSet> shopSets;
  private final InformerSet<Tier> tiers;
  private final InformerSet<Configuration> configurations;
  private final InformerSet<Promotion> promotions;
  private final InformerSet<PromotionApproval> approvals;
  private final InformerSet<Deployment> deployments;
  private final InformerSet<Namespace> namespaceObjects;
  private final Map<String, ShopSet> deletedShopSets = new ConcurrentHashMap<>();
  private final WorkQueue queue;

  public Informers(
      KubernetesClient client, WatcherConfig config, WorkQueue queue, WatcherMetrics metrics) {
    this.queue = queue;
    long resync = config.resyncPeriod().toMillis();
    List<String> namespaces = config.namespaces().orElse(List.of());
    Map<String, String> selector = parseSelector(config.rollouts().selector());
    shopSets =
        set(
            "shopsets",
            namespaces,
            ns -> informable(client.resources(ShopSet.class), ns).runnableInformer(resync));
    tiers =
        new InformerSet<>("tiers", List.of(client.resources(Tier.class).runnableInformer(resync)));
    configurations =
        set(
            "configurations",
            namespaces,
            ns -> informable(client.resources(Configuration.class), ns).runnableInformer(resync));
    promotions =
        new InformerSet<>(
            "promotions", List.of(client.resources(Promotion.class).runnableInformer(resync)));
    approvals =
        new InformerSet<>(
            "promotionapprovals",
            List.of(client.resources(PromotionApproval.class).runnableInformer(resync)));
    for (var informer : approvals.informers()) {
      informer.addIndexers(
          Map.of(
              BY_PROMOTION,
              a -> a.getSpec() == null ? List.of() : List.of(a.getSpec().promotion())));
    }
    deployments =
        set(
            "deployments",
            namespaces,
            ns ->
                (ns == null
                        ? client.apps().deployments().inAnyNamespace().withLabels(selector)
                        : client.apps().deployments().inNamespace(ns).withLabels(selector))
                    .runnableInformer(resync));
    // Namespace labels decide which Tiers a namespace may use (Tier spec.namespaceSelector).
    namespaceObjects =
        new InformerSet<>("namespaces", List.of(client.namespaces().runnableInformer(resync)));
    for (var informer : shopSets.informers()) {
      informer.addIndexers(
          Map.of(
              BY_NAMESPACE, s -> List.of(s.getMetadata().getNamespace()),
              BY_TIER, s -> s.getSpec() == null ? List.of() : List.of(s.getSpec().tier()),
              BY_CONFIGURATION,
                  s ->
                      s.getSpec() == null
                          ? List.of()
                          : List.of(
                              Keys.object(
                                  s.getMetadata().getNamespace(), s.getSpec().configuration()))));
    }
    handle(shopSets, this::shopSetChanged, this::shopSetDeleted);
    handle(
        tiers,
        t -> {
          dependents(BY_TIER, t.getMetadata().getName());
          queue.add(Kind.TIER, t.getMetadata().getName());
        },
        null);
    handle(
        configurations,
        c -> {
          String key = Keys.object(c.getMetadata().getNamespace(), c.getMetadata().getName());
          dependents(BY_CONFIGURATION, key);
          queue.add(Kind.CONFIGURATION, key);
        },
        null);
    handle(namespaceObjects, n -> dependents(BY_NAMESPACE, n.getMetadata().getName()), null);
    handle(promotions, p -> queue.add(Kind.PROMOTION, p.getMetadata().getName()), null);
    handle(
        approvals,
        a -> {
          if (a.getSpec() != null && a.getSpec().promotion() != null) {
            queue.add(Kind.PROMOTION, a.getSpec().promotion());
          }
        },
        null);
    handle(deployments, d -> queue.add(Kind.DEPLOYMENT, key(d)), null);
    for (var set : all()) {
      metrics.storeSize(set.resource(), set::size);
    }
    metrics.countShopSets(shopSets::list, Duration.ofSeconds(15));
  }

  private static <T extends HasMetadata, L> Informable<T> informable(
      io.fabric8.kubernetes.client.dsl.MixedOperation<T, L, ?> op, String namespace) {
    return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
  }

  private static <T extends HasMetadata> InformerSet<T> set(
      String resource, List<String> namespaces, Function<String, SharedIndexInformer<T>> create) {
    if (namespaces.isEmpty()) {
      return new InformerSet<>(resource, List.of(create.apply(null)));
    }
    return new InformerSet<>(resource, namespaces.stream().map(create).toList());
  }

  private <T extends HasMetadata> void handle(
      InformerSet<T> set, Consumer<T> changed, Consumer<T> deleted) {
    Consumer<T> onDelete = deleted == null ? changed : deleted;
    for (var informer : set.informers()) {
      informer.exceptionHandler((started, error) -> {
        // Keep watching: the reflector re-lists (also after HTTP 410) and re-watches.
        LOG.warnf("Watch of %s failed, retrying: %s", set.resource(), error.toString());
        return true;
      });
      informer.addEventHandler(
          new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
              changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
              // The old state too: a ShopSet that changed Tier changes the old Tier's count.
              changed.accept(oldObj);
              changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
              onDelete.accept(obj);
            }
          });
    }
  }

  private void shopSetChanged(ShopSet shopSet) {
    String key = key(shopSet);
    deletedShopSets.remove(key);
    queue.add(Kind.SHOPSET, key);
    usersChanged(shopSet);
  }

  private void shopSetDeleted(ShopSet shopSet) {
    String key = key(shopSet);
    deletedShopSets.put(key, shopSet);
    queue.add(Kind.SHOPSET, key);
    usersChanged(shopSet);
  }

  /** The Tier and Configuration a ShopSet uses count their users again. */
  private void usersChanged(ShopSet shopSet) {
    if (shopSet.getSpec() != null) {
      if (shopSet.getSpec().tier() != null) {
        queue.add(Kind.TIER, shopSet.getSpec().tier());
      }
      if (shopSet.getSpec().configuration() != null) {
        queue.add(
            Kind.CONFIGURATION,
            Keys.object(shopSet.getMetadata().getNamespace(), shopSet.getSpec().configuration()));
      }
    }
  }

  private void dependents(String index, String value) {
    shopSets.byIndex(index, value).forEach(s -> queue.add(Kind.SHOPSET, key(s)));
  }

  static String key(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    return namespace == null ? name : Keys.object(namespace, name);
  }

  /** {@code a=b,c=d} as a map. */
  static Map<String, String> parseSelector(String selector) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String part : selector.split(",")) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "watcher.rollouts.selector must be key=value pairs, got '" + selector + "'");
      }
      labels.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
    }
    return labels;
  }

  CompletableFuture<Void> start() {
    return CompletableFuture.allOf(
        all().stream().map(InformerSet::start).toArray(CompletableFuture[]::new));
  }

  void stop() {
    all().forEach(InformerSet::stop);
  }

  private List<InformerSet<?>> all() {
    return List.of(
        shopSets, tiers, configurations, promotions, approvals, deployments, namespaceObjects);
  }

  /** The labels of a namespace as the API server has them (none when it is not known). */
  Map<String, String> namespaceLabels(String namespace) {
    Namespace object = namespaceObjects.get(namespace);
    return object == null || object.getMetadata().getLabels() == null
        ? Map.of()
        : object.getMetadata().getLabels();
  }

  /**
   * Whether every informer has its watch open: a change made before that is not seen until the next
   * list (an API server replays it from the list's resourceVersion; the mock one does not).
   */
  public boolean watching() {
    return all().stream().allMatch(InformerSet::watching);
  }

  /** Whether every informer has listed its resources at least once. */
  public boolean synced() {
    return all().stream().allMatch(InformerSet::synced);
  }

  InformerSet<ShopSet> shopSets() {
    return shopSets;
  }

  InformerSet<Tier> tiers() {
    return tiers;
  }

  InformerSet<Configuration> configurations() {
    return configurations;
  }

  InformerSet<Promotion> promotions() {
    return promotions;
  }

  /** The cached PromotionApproval called {@code name}, or null. */
  PromotionApproval approval(String name) {
    return approvals.get(name);
  }

  /** The PromotionApprovals naming {@code promotion}. */
  List<PromotionApproval> approvalsOf(String promotion) {
    return approvals.byIndex(BY_PROMOTION, promotion);
  }

  InformerSet<Deployment> deployments() {
    return deployments;
  }

  /** The last state of a ShopSet deleted since it was last seen, or null. */
  ShopSet deletedShopSet(String key) {
    return deletedShopSets.get(key);
  }

  void forgetDeleted(String key) {
    deletedShopSets.remove(key);
  }
}
