package dev.shopset.local.kubernetes;

import dev.shopset.local.kubernetes.ResourceRequests.WatchRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Watches on the wire: JSON lines over chunked HTTP or WebSocket messages, ended by the client, by
 * {@code timeoutSeconds}, or when the client falls too far behind (it resumes from its last
 * resource version, as from any ended watch).
 */
final class WatchStreams {

  /** Bytes a watch may have waiting for its client before it is ended. */
  private static final int WATCH_BACKLOG = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final Store store;
  private final ResourceRequests resources;

  WatchStreams(Vertx vertx, Store store, ResourceRequests resources) {
    this.vertx = vertx;
    this.store = store;
    this.resources = resources;
  }

  /** Streams {@code request} as JSON lines over a chunked HTTP response (what kubectl reads). */
  void http(HttpServerResponse response, WatchRequest request) {
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private")
        .setWriteQueueMaxSize(WATCH_BACKLOG);
    // Clients wait for the headers before they call the watch open: send them now.
    response.writeHead();
    Watch.Sink sink =
        new Watch.Sink() {
          @Override
          public boolean send(String type, Stored object) {
            return write(Encoding.event(request, type, object));
          }

          private boolean write(byte[] line) {
            if (response.ended() || response.closed()) {
              return false;
            }
            try {
              response.write(Buffer.buffer(line));
              return !response.writeQueueFull();
            } catch (IllegalStateException e) {
              return false; // the client went away meanwhile
            }
          }

          @Override
          public void sendRaw(byte[] line) {
            write(line);
          }

          @Override
          public void close() {
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          }
        };
    Watch watch = watch(request, sink);
    response.closeHandler(v -> store.cancel(watch));
    open(request, watch, sink);
  }

  /** Streams a watch as WebSocket text messages (what the fabric8 client opens). */
  void webSocket(ServerWebSocket socket) {
    RequestPath path = RequestPath.parse(socket.path());
    Query query = Query.parse(socket.query());
    if (path == null || !(path.watch() || query.flag("watch"))) {
      socket.reject(404);
      return;
    }
    WatchRequest request;
    try {
      if (!(resources.handle("GET", path, query, socket.headers().get("Accept"), null, new byte[0])
          instanceof WatchRequest watchRequest)) {
        socket.reject(400);
        return;
      }
      request = watchRequest;
    } catch (ApiError e) {
      socket.reject(e.code());
      return;
    }
    socket.accept();
    socket.setWriteQueueMaxSize(WATCH_BACKLOG);
    Watch.Sink sink =
        new Watch.Sink() {
          @Override
          public boolean send(String type, Stored object) {
            return write(Encoding.event(request, type, object));
          }

          private boolean write(byte[] line) {
            if (socket.isClosed()) {
              return false;
            }
            try {
              socket.writeTextMessage(new String(line, StandardCharsets.UTF_8));
              return !socket.writeQueueFull();
            } catch (IllegalStateException e) {
              return false; // the client went away meanwhile
            }
          }

          @Override
          public void sendRaw(byte[] line) {
            write(line);
          }

          @Override
          public void close() {
            if (!socket.isClosed()) {
              socket.close();
            }
          }
        };
    Watch watch = watch(request, sink);
    socket.closeHandler(v -> store.cancel(watch));
    open(request, watch, sink);
  }

  private static Watch watch(WatchRequest request, Watch.Sink sink) {
    return new Watch(
        request.type().storageKey(),
        request.type().namespaced() ? request.namespace() : null,
        request.selects(),
        sink);
  }

  /**
   * Opens a watch on the store; on an expired resource version sends the ERROR event a real server
   * sends (410 Gone, the client lists again) and ends the stream.
   */
  private void open(WatchRequest request, Watch watch, Watch.Sink sink) {
    try {
      store.open(watch, request.since());
    } catch (ApiError e) {
      sink.sendRaw(Encoding.event("ERROR", e.status()));
      watch.close();
      return;
    }
    if (request.initialEvents()) {
      sink.sendRaw(Encoding.event("BOOKMARK", Encoding.bookmark(request.type(), store.revision())));
    }
    if (request.timeoutSeconds() > 0) {
      vertx.setTimer(TimeUnit.SECONDS.toMillis(request.timeoutSeconds()), t -> store.cancel(watch));
    }
  }
}
