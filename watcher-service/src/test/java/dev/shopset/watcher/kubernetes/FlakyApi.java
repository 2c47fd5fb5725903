package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CRUD mock API server whose Tier lists, ShopSet watches and status writes can be made to fail on
 * cue, the way a real API server does while starting, after etcd compaction, or under load.
 */
final class FlakyApi extends KubernetesCrudDispatcher {
  final AtomicBoolean failTierLists = new AtomicBoolean();
  final AtomicInteger failedTierLists = new AtomicInteger();
  final AtomicBoolean refuseShopSetWatches = new AtomicBoolean();
  final AtomicInteger refusedShopSetWatches = new AtomicInteger();
  final AtomicInteger goneShopSetWatches = new AtomicInteger();
  final AtomicInteger shopSetLists = new AtomicInteger();

  final AtomicInteger unavailableStatusWrites = new AtomicInteger();
  final AtomicInteger conflictingStatusWrites = new AtomicInteger();
  final AtomicInteger rejectedStatusWrites = new AtomicInteger();
  final AtomicInteger statusWriteAttempts = new AtomicInteger();

  FlakyApi() {
    for (var type : List.of(ShopSet.class, Tier.class, Configuration.class, Promotion.class)) {
      var context = CustomResourceDefinitionContext.fromCustomResourceType(type);
      // Status writes go through /status, as the CRDs declare.
      expectCustomResource(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(context.getGroup())
              .withVersion(context.getVersion())
              .withKind(context.getKind())
              .withPlural(context.getPlural())
              .withScope(context.getScope())
              .withStatusSubresource(true)
              .build());
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    boolean get = "GET".equals(request.getMethod());
    boolean watch = path.contains("watch=true");
    if (get && collection(path, "tiers") && !watch) {
      if (failTierLists.get()) {
        failedTierLists.incrementAndGet();
        return status(503, "ServiceUnavailable", "etcd is not ready");
      }
    }
    if (get && collection(path, "shopsets")) {
      if (watch && refuseShopSetWatches.get()) {
        refusedShopSetWatches.incrementAndGet();
        return status(503, "ServiceUnavailable", "starting up");
      }
      if (watch && goneShopSetWatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return expired();
      }
      if (!watch) {
        shopSetLists.incrementAndGet();
      }
    }
    if ("PUT".equals(request.getMethod()) && path.endsWith("/status")) {
      statusWriteAttempts.incrementAndGet();
      if (unavailableStatusWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return status(503, "ServiceUnavailable", "the server is currently unable to handle it");
      }
      if (conflictingStatusWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return status(409, "Conflict", "the object has been modified");
      }
      if (rejectedStatusWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return status(422, "Invalid", "status.conditions: Invalid value");
      }
    }
    return super.dispatch(request);
  }

  /** Serves this API (its objects survive a restart on the same port) on {@code port}, 0 = any. */
  KubernetesMockServer serve(int port) {
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), this, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return server;
  }

  /** A client of the API on {@code port} that leaves every retry to the code under test. */
  static KubernetesClient client(int port) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("http://127.0.0.1:" + port)
            .withNamespace("test")
            // Test speed only: reconnect a broken watch within 100 ms instead of 1 s.
            .withWatchReconnectInterval(100)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A request on the whole collection (list or watch), not on one object. */
  private static boolean collection(String path, String plural) {
    String prefix = "/apis/shopset.dev/v1alpha1/" + plural;
    return path.equals(prefix) || path.startsWith(prefix + "?");
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(statusJson(code, reason, message));
  }

  /** What an API server says to a watch from a compacted resourceVersion: an ERROR event. */
  private static MockResponse expired() {
    return new MockResponse()
        .withWebSocketUpgrade(
            new WebSocketListener() {
              @Override
              public void onOpen(WebSocket socket, Response response) {
                socket.send(
                    "{\"type\":\"ERROR\",\"object\":"
                        + statusJson(410, "Expired", "too old resource version: 1 (42)")
                        + "}");
                socket.close(1000, "");
              }
            });
  }

  private static String statusJson(int code, String reason, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
        + code
        + ",\"reason\":\""
        + reason
        + "\",\"message\":\""
        + message
        + "\"}";
  }
}
