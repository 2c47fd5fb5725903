package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.local.kubernetes.ResourceRequests.Response;
import dev.shopset.local.kubernetes.ResourceRequests.WatchRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of the in-memory Kubernetes API (Vert.x on loopback): discovery, OpenAPI, version
 * and health endpoints, and the resource paths, with watches streamed as JSON lines over HTTP
 * (kubectl) or as WebSocket messages (the fabric8 client).
 */
public final class InMemoryApiServer implements AutoCloseable {

  /** The Kubernetes version this API answers as. */
  static final String VERSION = "v1.32.0";

  private static final String PROTOBUF_V2 =
      "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  private final Vertx vertx;
  private final HttpServer server;
  private final Discovery discovery;
  private final OpenApi openApi;
  private final ResourceRequests resources;
  private final WatchStreams watches;
  private final Store store;

  private InMemoryApiServer(
      Vertx vertx,
      HttpServer server,
      Discovery discovery,
      OpenApi openApi,
      ResourceRequests resources,
      Store store) {
    this.vertx = vertx;
    this.server = server;
    this.discovery = discovery;
    this.openApi = openApi;
    this.resources = resources;
    this.watches = new WatchStreams(vertx, store, resources);
    this.store = store;
  }

  /**
   * Starts on {@code port} (0: a free one) on loopback, serving the built-in kinds and the kinds of
   * {@code crds} (CustomResourceDefinition YAML documents, stored as if created through the API).
   */
  private volatile boolean available = true;

  public static InMemoryApiServer start(int port, List<String> crds) {
    return start(port, crds, Store.HISTORY, true);
  }

  /**
   * As {@link #start(int, List)}, but custom resources are stored without checking them against
   * their CRD's schema: for tests that feed the services objects a cluster would refuse.
   */
  public static InMemoryApiServer startWithoutSchemaValidation(int port, List<String> crds) {
    return start(port, crds, Store.HISTORY, false);
  }

  /** Keeping {@code history} changes per resource for watches. */
  static InMemoryApiServer start(int port, List<String> crds, int history, boolean validate) {
    TypeRegistry types = new TypeRegistry();
    ApiOperations operations = new ApiOperations(new Store(history), types, validate);
    ResourceType crdType = types.crdType();
    for (String crd : crds) {
      operations.create(crdType, null, (ObjectNode) Json.parseYaml(crd), WriteOptions.DEFAULT);
    }
    return listen(port, types, operations);
  }

  private static InMemoryApiServer listen(int port, TypeRegistry types, ApiOperations operations) {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                // A list of 100,000 objects on a loaded machine is no reason to warn on the
                // console.
                .setMaxEventLoopExecuteTime(60)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setHttp2ClearTextEnabled(false)
                .setMaxWebSocketFrameSize(1024 * 1024)
                .setMaxWebSocketMessageSize(16 * 1024 * 1024));
    InMemoryApiServer api =
        new InMemoryApiServer(
            vertx,
            server,
            new Discovery(types),
            new OpenApi(types),
            new ResourceRequests(types, operations),
            operations.store());
    server.webSocketHandler(socket -> {
      if (api.available) {
        api.watches.webSocket(socket);
      } else {
        socket.reject(503);
      }
    });
    server.requestHandler(api::request);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(
          "The in-memory Kubernetes API cannot listen on port " + port, e);
    }
    return api;
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * While false the API server is "down": every open watch ends and every request (watches
   * included) gets 503, as from an API server that is restarting; the objects are kept, as etcd
   * keeps them.
   */
  public void setAvailable(boolean up) {
    available = up;
    if (!up) {
      store.closeAllWatches();
    }
  }

  private void request(HttpServerRequest request) {
    if (!available) {
      request.response().setStatusCode(503).end("the API server is unavailable");
      return;
    }
    request
        .body()
        .onSuccess(body -> {
          try {
            route(request, body.getBytes());
          } catch (ApiError e) {
            send(request.response(), Response.json(e.code(), Json.bytes(e.status()), List.of()));
          } catch (RuntimeException e) {
            ApiError internal =
                new ApiError(
                    500, "InternalError", "in-memory API: " + e, null, null, null, List.of());
            send(request.response(), Response.json(500, Json.bytes(internal.status()), List.of()));
          }
        });
  }

  private void route(HttpServerRequest request, byte[] body) {
    String path = request.path();
    String method = request.method().name();
    MultiMap headers = request.headers();
    String accept = headers.get("Accept");
    RequestPath resource = RequestPath.parse(path);
    if (resource != null) {
      var outcome =
          resources.handle(
              method,
              resource,
              Query.parse(request.query()),
              accept,
              headers.get("Content-Type"),
              body);
      if (outcome instanceof WatchRequest watch) {
        watches.http(request.response(), watch);
      } else {
        send(request.response(), (Response) outcome);
      }
      return;
    }
    if (!method.equals("GET")) {
      throw ApiError.methodNotAllowed(method + " " + path + " is not supported");
    }
    String trimmed =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    switch (trimmed) {
      case "/version" -> json(request, version(), "application/json");
      case "/healthz", "/livez", "/readyz" ->
          request.response().putHeader("Content-Type", "text/plain").end("ok");
      case "/api" -> discoveryRoot(request, true, accept);
      case "/apis" -> discoveryRoot(request, false, accept);
      case "/api/v1" -> json(request, required(discovery.resources("", "v1")), "application/json");
      case "/openapi/v2" -> {
        if (accept != null && !accept.contains("json") && !accept.contains("*/*")) {
          // kubectl asks for v2 in protobuf only. The empty message is a valid, empty document:
          // kubectl then validates nothing on the client (it leaves that to the server, as the v3
          // documents announce) and uses its built-in patch rules. JSON has the whole document.
          request.response().putHeader("Content-Type", PROTOBUF_V2).end();
          return;
        }
        json(request, openApi.v2(), "application/json");
      }
      case "/openapi/v3" -> json(request, openApi.v3Index(), "application/json");
      default -> {
        if (trimmed.startsWith("/openapi/v3/")) {
          json(
              request,
              required(openApi.v3(trimmed.substring("/openapi/v3/".length()))),
              "application/json");
        } else if (trimmed.startsWith("/apis/")) {
          String[] parts = trimmed.substring("/apis/".length()).split("/");
          ObjectNode document =
              parts.length == 1
                  ? discovery.group(parts[0])
                  : parts.length == 2 ? discovery.resources(parts[0], parts[1]) : null;
          json(request, required(document), "application/json");
        } else {
          throw ApiError.noSuchPath();
        }
      }
    }
  }

  private void discoveryRoot(HttpServerRequest request, boolean core, String accept) {
    String aggregated = aggregatedVersion(accept);
    if (aggregated != null) {
      json(
          request,
          discovery.aggregated(core, aggregated),
          "application/json;g=apidiscovery.k8s.io;v=" + aggregated + ";as=APIGroupDiscoveryList");
    } else {
      json(
          request,
          core ? discovery.coreVersions("127.0.0.1:" + port()) : discovery.groups(),
          "application/json");
    }
  }

  /** The aggregated discovery version the client accepts (v2 preferred), or null. */
  private static String aggregatedVersion(String accept) {
    if (accept == null || !accept.contains("as=APIGroupDiscoveryList")) {
      return null;
    }
    for (String mediaType : accept.split(",")) {
      if (mediaType.contains("as=APIGroupDiscoveryList")
          && mediaType.contains("g=apidiscovery.k8s.io")) {
        if (mediaType.matches(".*;\\s*v=v2(\\s*;.*|\\s*)$")) {
          return "v2";
        }
        if (mediaType.matches(".*;\\s*v=v2beta1(\\s*;.*|\\s*)$")) {
          return "v2beta1";
        }
      }
    }
    return null;
  }

  private static ObjectNode required(ObjectNode document) {
    if (document == null) {
      throw ApiError.noSuchPath();
    }
    return document;
  }

  private static ObjectNode version() {
    return Json.object()
        .put("major", "1")
        .put("minor", "32")
        .put("gitVersion", VERSION)
        .put("gitCommit", "shopset-in-memory")
        .put("gitTreeState", "clean")
        .put("buildDate", "2024-12-11T00:00:00Z")
        .put("goVersion", "go1.23")
        .put("compiler", "gc")
        .put("platform", "linux/amd64");
  }

  private static void json(HttpServerRequest request, ObjectNode body, String contentType) {
    request
        .response()
        .putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", "no-cache, private")
        .end(Buffer.buffer(Json.bytes(body)));
  }

  private static void send(HttpServerResponse response, Response outcome) {
    response.setStatusCode(outcome.code()).putHeader("Content-Type", outcome.contentType());
    for (String warning : outcome.warnings()) {
      response.headers().add("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
    response.end(Buffer.buffer(outcome.body()));
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }
}
