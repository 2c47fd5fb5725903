package dev.shopset.local;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * An in-memory Kubernetes API (the fabric8 mock server in CRUD mode) that knows the ShopSet
 * resources: objects are stored, listed and watched as an API server would (watches resume from a
 * resource version, see {@link ResumableWatchDispatcher}), nothing runs.
 */
public final class InMemoryKubernetes implements AutoCloseable {

  /** The mock server logs every request at INFO through JUL; kept referenced so it stays set. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;

  private InMemoryKubernetes(KubernetesMockServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port (or {@code port}). */
  public static InMemoryKubernetes start(int port) {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ResumableWatchDispatcher(),
            false);
    for (var type : List.of(ShopSet.class, Tier.class, Configuration.class, Promotion.class)) {
      server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(type));
    }
    server.init(InetAddress.getLoopbackAddress(), port);
    return new InMemoryKubernetes(server);
  }

  /** The API server URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** A client of this API. */
  public KubernetesClient client() {
    return server.createClient();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
