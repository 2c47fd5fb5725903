package dev.shopset.local.kubernetes;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory Kubernetes API that answers kubectl and the fabric8 client as a cluster would:
 * discovery, OpenAPI, the ShopSet kinds (their CRDs installed from k8s/crds) and the built-in kinds
 * an install touches, CRDs created through it, watches that resume from a resource version. Objects
 * are stored, listed and watched; no controller runs.
 */
public final class InMemoryKubernetes implements AutoCloseable {

  /** The cluster, user and context name of the kubeconfig {@link #writeKubeconfig} writes. */
  public static final String CONTEXT = "shopset-local";

  private static final List<Class<? extends HasMetadata>> SHOPSET_KINDS =
      List.of(
          ShopSet.class, Tier.class, Configuration.class, Promotion.class, PromotionApproval.class);

  private final InMemoryApiServer server;

  private InMemoryKubernetes(InMemoryApiServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port (or {@code port}) with the ShopSet CRDs installed. */
  public static InMemoryKubernetes start(int port) {
    return new InMemoryKubernetes(InMemoryApiServer.start(port, shopSetCrds()));
  }

  /**
   * Starts as {@link #start(int)}, but stores ShopSet resources without checking them against their
   * CRD's schema, as no cluster would: for tests that feed the services objects which bypassed
   * validation (hostile input).
   */
  public static InMemoryKubernetes startWithoutSchemaValidation(int port) {
    return new InMemoryKubernetes(
        InMemoryApiServer.startWithoutSchemaValidation(port, shopSetCrds()));
  }

  /** The API server URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A client of this API (namespace {@code default}, as a kubeconfig without one). */
  public KubernetesClient client() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace("default")
            .withHttp2Disable(true)
            .build();
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /**
   * Writes a kubeconfig for this API to {@code file} (cluster, user and context {@value #CONTEXT},
   * the current context), so {@code KUBECONFIG=file kubectl ...} talks to it.
   */
  public Path writeKubeconfig(Path file) {
    String kubeconfig =
        """
        # The in-memory Kubernetes API of a ShopSet local run (no credentials: loopback only).
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """
            .formatted(CONTEXT, url());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, kubeconfig);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Takes the API server down (false: open watches end, every request answers 503, objects kept) or
   * brings it back, as an API server restart or an outage would.
   */
  public void setAvailable(boolean up) {
    server.setAvailable(up);
  }

  @Override
  public void close() {
    server.close();
  }

  /** The committed CRDs of the ShopSet kinds (k8s/crds, copied onto the classpath by the build). */
  private static List<String> shopSetCrds() {
    List<String> crds = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : SHOPSET_KINDS) {
      String file =
          "crds/%s.%s-v1.yml".formatted(HasMetadata.getPlural(kind), HasMetadata.getGroup(kind));
      try (InputStream in = InMemoryKubernetes.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException(
              "No " + file + " next to InMemoryKubernetes: the build copies k8s/crds there");
        }
        crds.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }
}
