package dev.shopset.shopctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.renderer.domain.RenderSettings;
import dev.shopset.renderer.domain.ShopSetRenderer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /render} as the renderer serves it, for shopctl's diff tests: the same join ({@link
 * DesiredStateJoin}) and the renderer's own {@link ShopSetRenderer}, over HTTP on loopback. Counts
 * its requests.
 */
final class PreviewServer implements AutoCloseable {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();

  PreviewServer() throws IOException {
    ShopSetRenderer renderer = new ShopSetRenderer(RenderSettings.defaults());
    RepositoryPolicy policy = RepositoryPolicy.allowing(List.of("https://git.example.com/"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/render",
        exchange -> {
          requests.incrementAndGet();
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          ShopSet shopSet = JSON.convertValue(body.get("shopSet"), ShopSet.class);
          Tier tier = JSON.convertValue(body.get("tier"), Tier.class);
          Configuration configuration =
              JSON.convertValue(body.get("configuration"), Configuration.class);
          @SuppressWarnings("unchecked")
          Map<String, String> labels =
              body.hasNonNull("namespace")
                  ? JSON.convertValue(
                      body.path("namespace").path("metadata").path("labels"), Map.class)
                  : null;
          String namespace = shopSet.getMetadata().getNamespace();
          int code;
          Object answer;
          switch (DesiredStateJoin.join(
              shopSet, tier, configuration, Tenancy.of(namespace, labels, policy))) {
            case DesiredStateJoin.Valid valid -> {
              code = 200;
              answer = renderer.render(valid.desired());
            }
            case DesiredStateJoin.Invalid invalid -> {
              code = 400;
              answer = Map.of("reason", invalid.reason(), "message", invalid.message());
            }
          }
          byte[] bytes = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(code, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
