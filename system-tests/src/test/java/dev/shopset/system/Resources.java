package dev.shopset.system;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationSpec;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.contracts.resources.TierStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;

/** Creates and edits ShopSet resources in the API, as a platform team or developer would. */
final class Resources {

  static final String CONFIGURATION = "standard";

  private final KubernetesClient client;
  private final Stack stack;

  Resources(Stack stack) {
    this.stack = stack;
    this.client = stack.client();
  }

  /** Every namespace may use the tests' Tiers (an empty selector selects all). */
  static final io.fabric8.kubernetes.api.model.LabelSelector EVERY_NAMESPACE =
      new io.fabric8.kubernetes.api.model.LabelSelector(List.of(), Map.of());

  /** Creates or replaces {@code resource}, retrying the services' concurrent status writes. */
  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T applied(T resource) {
    return retryOnConflict(() -> {
      resource.getMetadata().setResourceVersion(null);
      return client.resource(resource).createOr(NonDeletingOperation::update);
    });
  }

  /** A Tier whose branch is its name, writing to {@code systemRepo} on the stack's git server. */
  Tier tier(String name, int rank, String systemRepo, String promotesTo) {
    Tier tier = new Tier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tier.setSpec(
        new TierSpec(
            rank,
            name,
            new RepositoryRef(stack.url("app"), Stack.APP_PATH),
            new RepositoryRef(stack.url(systemRepo), null),
            promotesTo,
            EVERY_NAMESPACE,
            null,
            null));
    return applied(tier);
  }

  /** A Tier with any spec, hostile ones included (the in-memory API checks no schema). */
  Tier tier(String name, TierSpec spec) {
    Tier tier = new Tier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tier.setSpec(spec);
    return applied(tier);
  }

  /** A Configuration with any repository reference. */
  Configuration configuration(String namespace, String name, RepositoryRef repository) {
    Configuration configuration = new Configuration();
    configuration.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    configuration.setSpec(new ConfigurationSpec(repository));
    return applied(configuration);
  }

  /** The Configuration {@value #CONFIGURATION} in {@code namespace}. */
  Configuration configuration(String namespace) {
    Configuration configuration = new Configuration();
    configuration.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(CONFIGURATION).build());
    configuration.setSpec(
        new ConfigurationSpec(new RepositoryRef(stack.url("config"), Stack.CONFIG_PATH)));
    return applied(configuration);
  }

  /** A plain spec: tier, configuration {@value #CONFIGURATION}, shops and a replica count. */
  static ShopSetSpec spec(String tier, int replicas, String... shops) {
    return new ShopSetSpec(
        tier, CONFIGURATION, List.of(shops), replicas, null, null, null, null, null, null);
  }

  /** Creates or replaces a ShopSet's spec (retrying the watcher's concurrent status writes). */
  ShopSet apply(String namespace, String name, ShopSetSpec spec, Map<String, String> annotations) {
    ShopSet shopSet = new ShopSet();
    shopSet.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withAnnotations(annotations)
            .build());
    shopSet.setSpec(spec);
    ShopSet existing = client.resources(ShopSet.class).inNamespace(namespace).withName(name).get();
    if (existing == null) {
      return client.resource(shopSet).create();
    }
    return retryOnConflict(() ->
        client
            .resources(ShopSet.class)
            .inNamespace(namespace)
            .withName(name)
            .edit(s -> {
              s.setSpec(spec);
              s.getMetadata().setAnnotations(annotations);
              return s;
            }));
  }

  /** Creates a new ShopSet (one request; fails if it exists). */
  ShopSet create(String namespace, String name, ShopSetSpec spec) {
    ShopSet shopSet = new ShopSet();
    shopSet.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    shopSet.setSpec(spec);
    return client.resource(shopSet).create();
  }

  ShopSet apply(String namespace, String name, ShopSetSpec spec) {
    return apply(namespace, name, spec, Map.of());
  }

  void delete(String namespace, String name) {
    client.resources(ShopSet.class).inNamespace(namespace).withName(name).delete();
  }

  Optional<ShopSet> get(String namespace, String name) {
    return Optional.ofNullable(
        client.resources(ShopSet.class).inNamespace(namespace).withName(name).get());
  }

  /** A condition of a ShopSet's status, if written. */
  Optional<Condition> condition(String namespace, String name, String type) {
    return get(namespace, name)
        .map(ShopSet::getStatus)
        .flatMap(s -> Optional.ofNullable(s.conditions()))
        .flatMap(cs -> cs.stream().filter(c -> c.type().equals(type)).findFirst());
  }

  Promotion promote(String name, String tier) {
    Promotion promotion = new Promotion();
    promotion.setMetadata(new ObjectMetaBuilder().withName(name).build());
    promotion.setSpec(new PromotionSpec(tier));
    return client.resource(promotion).create();
  }

  /** The commit a Tier's status says its branch pins at {@code path}, if written. */
  Optional<String> tierPin(String tier, String path) {
    return Optional.ofNullable(client.resources(Tier.class).withName(tier).get())
        .map(Tier::getStatus)
        .flatMap(s -> Optional.ofNullable(s.pins()))
        .flatMap(pins -> pins.stream().filter(p -> p.path().equals(path)).findFirst())
        .map(TierStatus.Pin::commit);
  }

  Optional<Promotion> promotion(String name) {
    return Optional.ofNullable(client.resources(Promotion.class).withName(name).get());
  }

  private static <T> T retryOnConflict(java.util.function.Supplier<T> write) {
    Object[] result = new Object[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> {
          result[0] = write.get();
          return true;
        });
    @SuppressWarnings("unchecked")
    T t = (T) result[0];
    return t;
  }
}
