package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationSpec;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.contracts.resources.TierStatus;
import dev.shopset.local.kubernetes.InMemoryKubernetes;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The local run's in-memory Kubernetes API (CRDs installed, schema validation, server-side apply),
 * a kubeconfig for it, resources to seed it with, and shopctl run in-process against it with its
 * output captured (picocli's test style).
 */
final class ApiFixture implements AutoCloseable {

  static final String APP = "https://git.example.com/shop/app.git";
  static final String SYSTEM = "https://git.example.com/platform/system.git";
  static final String CONFIG = "https://git.example.com/shop/config.git";

  final InMemoryKubernetes api;
  final KubernetesClient client;
  final Path kubeconfig;

  /** What one shopctl run printed and returned. */
  record Result(int exit, String out, String err) {}

  ApiFixture() throws Exception {
    api = InMemoryKubernetes.start(0);
    client = api.client();
    Path dir = Files.createTempDirectory("shopctl-test");
    kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  /** Runs shopctl with {@code args} and this API's kubeconfig. */
  Result run(String... args) {
    return run(false, args);
  }

  /**
   * Runs shopctl as {@code main} does ({@link ShopCtl#execute}), or with {@code wholeTree} always
   * through the whole command tree ({@link ShopCtl#commandLine}).
   */
  Result run(boolean wholeTree, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    boolean takesCluster = !all.isEmpty() && !all.get(0).equals("completion");
    if (takesCluster && !all.contains("--help")) {
      all.add("--kubeconfig");
      all.add(kubeconfig.toString());
    }
    String[] line = all.toArray(String[]::new);
    int exit;
    if (wholeTree) {
      CommandLine cl = ShopCtl.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      exit = cl.execute(line);
    } else {
      exit = ShopCtl.execute(new PrintWriter(out), new PrintWriter(err), line);
    }
    return new Result(exit, out.toString(), err.toString());
  }

  void namespace(String name) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("shopset.dev/tenant", "true")
                .endMetadata()
                .build())
        .serverSideApply();
  }

  Tier tier(String name, int rank, String promotesTo, boolean frozen) {
    Tier tier = new Tier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tier.setSpec(
        new TierSpec(
            rank,
            name,
            new RepositoryRef(APP, null),
            new RepositoryRef(SYSTEM, null),
            promotesTo,
            new LabelSelectorBuilder().addToMatchLabels("shopset.dev/tenant", "true").build(),
            null,
            frozen ? true : null));
    return client.resource(tier).create();
  }

  /** Writes the Tier's status: its base pin and configuration pins (path to commit). */
  void tierPins(String name, String base, Map<String, String> configs, TierStatus.LastPromotion p) {
    List<TierStatus.Pin> pins = new ArrayList<>();
    pins.add(new TierStatus.Pin("base", APP, name, base));
    configs.forEach((path, sha) -> pins.add(new TierStatus.Pin(path, CONFIG, name, sha)));
    Tier tier = client.resources(Tier.class).withName(name).get();
    tier.setStatus(new TierStatus(1L, List.of(), pins, null, p, 1));
    client.resource(tier).updateStatus();
  }

  void configuration(String namespace, String name) {
    Configuration c = new Configuration();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    c.setSpec(new ConfigurationSpec(new RepositoryRef(CONFIG, null)));
    client.resource(c).create();
  }

  ShopSet shopSet(String namespace, String name, String tier, Integer maxShops, String... shops) {
    return shopSet(namespace, name, tier, maxShops, Map.of(), shops);
  }

  ShopSet shopSet(
      String namespace,
      String name,
      String tier,
      Integer maxShops,
      Map<String, String> labels,
      String... shops) {
    ShopSet s = new ShopSet();
    s.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build());
    s.setSpec(
        new ShopSetSpec(
            tier, "shop-defaults", List.of(shops), null, null, null, null, null, null, maxShops));
    return client.resource(s).create();
  }

  /** Writes a ShopSet status the watcher would: Ready and the commit that carries it. */
  void shopSetReady(String namespace, String name, String status, String reason, String sha) {
    ShopSet s = client.resources(ShopSet.class).inNamespace(namespace).withName(name).get();
    Condition ready =
        new Condition(
            "Ready",
            status,
            reason,
            status.equals("True") ? "Committed as " + sha : "Its Tier is missing.",
            "2026-12-01T10:00:00Z",
            s.getMetadata().getGeneration());
    s.setStatus(
        new ShopSetStatus(
            s.getMetadata().getGeneration(),
            List.of(ready),
            sha == null ? null : new ShopSetStatus.LastCommit(sha, s.getSpec().tier(), "t")));
    client.resource(s).updateStatus();
  }

  /** A Deployment of a ShopSet, rolled out ({@code ready} of {@code replicas} available). */
  void deployment(String namespace, String shopSet, int replicas, int ready) {
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(shopSet + "-web")
                .withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                .addToLabels(Labels.SHOPSET, shopSet)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(replicas)
                .withUpdatedReplicas(ready)
                .withAvailableReplicas(ready)
                .endStatus()
                .build())
        .create();
  }

  ShopSet get(String namespace, String name) {
    return client.resources(ShopSet.class).inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    client.close();
    api.close();
  }
}
