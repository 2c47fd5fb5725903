package dev.shopset.shopctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * shopctl's one boundary to the Kubernetes API: reads ShopSets, Tiers, Configurations, Promotions
 * and ShopSet Deployments, creates Promotions, and changes fields by server-side apply with the
 * field manager {@value #FIELD_MANAGER}. Missing objects become {@link ShopctlException}s with a
 * suggestion; API failures become {@link Exit#UNAVAILABLE}.
 */
public final class Cluster implements AutoCloseable {

  /** The field manager of every server-side apply shopctl makes. */
  public static final String FIELD_MANAGER = "shopctl";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient client;
  private final String source;

  public Cluster(KubernetesClient client, String source) {
    this.client = client;
    this.source = source;
  }

  /** The namespace of the kubeconfig context ({@code default} when it names none). */
  public String defaultNamespace() {
    String namespace = client.getNamespace();
    return namespace == null ? "default" : namespace;
  }

  public List<ShopSet> shopSets(String namespace) {
    return call(() ->
        sorted(
            namespace == null
                ? client.resources(ShopSet.class).inAnyNamespace().list().getItems()
                : client.resources(ShopSet.class).inNamespace(namespace).list().getItems()));
  }

  public List<ShopSet> shopSets(String namespace, String selector) {
    if (selector == null) {
      return shopSets(namespace);
    }
    return call(() ->
        sorted(
            client
                .resources(ShopSet.class)
                .inNamespace(namespace)
                .withLabelSelector(selector)
                .list()
                .getItems()));
  }

  /** The ShopSet, or a not-found error naming the closest one of the namespace. */
  public ShopSet shopSet(String namespace, String name) {
    ShopSet shopSet =
        call(() -> client.resources(ShopSet.class).inNamespace(namespace).withName(name).get());
    if (shopSet == null) {
      throw ShopctlException.notFound(
          "ShopSet",
          name,
          namespace,
          shopSets(namespace).stream().map(s -> s.getMetadata().getName()).toList());
    }
    return shopSet;
  }

  public ShopSet shopSetOrNull(String namespace, String name) {
    return call(() -> client.resources(ShopSet.class).inNamespace(namespace).withName(name).get());
  }

  /** Every Tier, in rank order (then by name). */
  public List<Tier> tiers() {
    return call(() ->
        client.resources(Tier.class).list().getItems().stream()
            .sorted(
                Comparator.comparing((Tier t) ->
                        t.getSpec() == null || t.getSpec().rank() == null
                            ? Integer.MAX_VALUE
                            : t.getSpec().rank())
                    .thenComparing(t -> t.getMetadata().getName()))
            .toList());
  }

  /** The Tier, or a not-found error naming the closest one. */
  public Tier tier(String name) {
    Tier tier = tierOrNull(name);
    if (tier == null) {
      throw ShopctlException.notFound(
          "Tier", name, null, tiers().stream().map(t -> t.getMetadata().getName()).toList());
    }
    return tier;
  }

  public Tier tierOrNull(String name) {
    return call(() -> client.resources(Tier.class).withName(name).get());
  }

  public Configuration configurationOrNull(String namespace, String name) {
    return call(
        () -> client.resources(Configuration.class).inNamespace(namespace).withName(name).get());
  }

  /** The Namespace, or null when it does not exist or may not be read. */
  public Namespace namespaceOrNull(String name) {
    try {
      return client.namespaces().withName(name).get();
    } catch (KubernetesClientException e) {
      return null;
    }
  }

  /**
   * The Deployments ShopSet manages (label {@code app.kubernetes.io/managed-by=shopset}) in {@code
   * namespace} (null: every namespace); empty when they may not be read.
   */
  public List<Deployment> shopSetDeployments(String namespace) {
    try {
      var deployments = client.apps().deployments();
      var selected =
          namespace == null
              ? deployments.inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
              : deployments
                  .inNamespace(namespace)
                  .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
      return selected.list().getItems();
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  public ShopSet createShopSet(ShopSet shopSet) {
    return call(() -> client.resource(shopSet).create());
  }

  public Promotion create(Promotion promotion) {
    return call(() -> client.resource(promotion).create());
  }

  public PromotionApproval create(PromotionApproval approval) {
    return call(() -> client.resource(approval).create());
  }

  /** Every Promotion. */
  public List<Promotion> promotions() {
    return call(() -> client.resources(Promotion.class).list().getItems());
  }

  public Promotion promotionOrNull(String name) {
    return call(() -> client.resources(Promotion.class).withName(name).get());
  }

  /** Server-side apply of {@code body} (apiVersion, kind, metadata and the fields shopctl sets). */
  public ShopSet applyShopSet(String namespace, String name, Map<String, Object> body) {
    return call(() ->
        client
            .resources(ShopSet.class)
            .inNamespace(namespace)
            .withName(name)
            .patch(apply(), json(body)));
  }

  /** Server-side apply of a Tier's {@code body}. */
  public Tier applyTier(String name, Map<String, Object> body) {
    return call(() -> client.resources(Tier.class).withName(name).patch(apply(), json(body)));
  }

  public KubernetesClient client() {
    return client;
  }

  private static PatchContext apply() {
    return new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(FIELD_MANAGER)
        .withForce(true)
        .build();
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ShopSet> sorted(List<ShopSet> shopSets) {
    return shopSets.stream()
        .sorted(
            Comparator.comparing((ShopSet s) -> s.getMetadata().getNamespace())
                .thenComparing(s -> s.getMetadata().getName()))
        .toList();
  }

  private <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw unavailable(e);
    }
  }

  /** What a failed API call tells the user. */
  ShopctlException unavailable(KubernetesClientException e) {
    if (e.getCode() == 422 || e.getCode() == 400) {
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return new ShopctlException(Exit.FAILED, "The API server refused the change: " + message);
    }
    if (e.getCode() == 403 || e.getCode() == 401) {
      return new ShopctlException(
          Exit.UNAVAILABLE,
          "The API server refused access ("
              + e.getCode()
              + "): "
              + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()));
    }
    if (e.getCode() == 404 && e.getMessage() != null && e.getMessage().contains("shopset.dev")) {
      return new ShopctlException(
          Exit.UNAVAILABLE,
          "The cluster has no ShopSet CRDs (shopset.dev): install them with kubectl apply"
              + " --server-side -k k8s/crds.");
    }
    return new ShopctlException(
        Exit.UNAVAILABLE,
        "Cannot reach the Kubernetes API of "
            + source
            + ": "
            + rootMessage(e)
            + ". Is the cluster (or ./shopset run) up, and the kubeconfig right?");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
