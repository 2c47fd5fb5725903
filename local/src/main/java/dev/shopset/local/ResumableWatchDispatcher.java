package dev.shopset.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The fabric8 CRUD dispatcher, with watches that resume from a resource version as an API server's
 * do: a watch opened with {@code resourceVersion=N} first gets a DELETED event for every matching
 * object deleted after N.
 *
 * <p>The plain dispatcher ignores the resource version: an object deleted between an informer's
 * list and its watch stays in the informer's cache for good (seen as a ShopSet deleted right after
 * a watcher restart that never left git). Changes and creations in that gap need nothing: the plain
 * dispatcher opens every watch with an ADDED event for each object that exists.
 */
final class ResumableWatchDispatcher extends KubernetesCrudDispatcher {

  /** Deletions kept for resuming watches; a real API server keeps a few minutes' worth. */
  static final int HISTORY = 10_000;

  private record Deletion(long resourceVersion, AttributeSet attributes, String event) {}

  private final Deque<Deletion> deletions = new ArrayDeque<>();

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    // Called under the dispatcher's write lock, so a deletion's version is after every list
    // answered before it and before every list answered after it.
    String existing = oldAttributes == null ? null : map.get(oldAttributes);
    if (newState == null && existing != null) {
      long version = requestResourceVersion();
      var deleted = Serialization.unmarshal(existing, GenericKubernetesResource.class);
      deleted.getMetadata().setResourceVersion(Long.toString(version));
      String event = Serialization.asJson(new WatchEvent(deleted, "DELETED"));
      synchronized (deletions) {
        deletions.addLast(new Deletion(version, oldAttributes, event));
        if (deletions.size() > HISTORY) {
          deletions.removeFirst();
        }
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
  }

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    long since = resourceVersion(path);
    if (since <= 0) {
      return response;
    }
    AttributeSet query = attributeExtractor.fromPath(path);
    String name = fieldSelectorName(path);
    if (name != null) {
      query = query.add(new Attribute("name", name));
    }
    AttributeSet matching = query;
    List<String> missed;
    synchronized (deletions) {
      missed =
          deletions.stream()
              .filter(d -> d.resourceVersion() > since && d.attributes().matches(matching))
              .map(Deletion::event)
              .toList();
    }
    if (missed.isEmpty()) {
      return response;
    }
    return response.withWebSocketUpgrade(
        new ReplayingListener(response.getWebSocketListener(), missed));
  }

  /** The {@code resourceVersion} a watch asks to resume from; 0 when it asks for none. */
  static long resourceVersion(String path) {
    String value = parameter(path, "resourceVersion");
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The name a watch is narrowed to by {@code fieldSelector=metadata.name=...}, or null. */
  static String fieldSelectorName(String path) {
    String selector = parameter(path, "fieldSelector");
    String prefix = "metadata.name=";
    return selector != null && selector.startsWith(prefix) && !selector.contains(",")
        ? selector.substring(prefix.length())
        : null;
  }

  private static String parameter(String path, String name) {
    String query = URI.create(path).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith(name + "=")) {
        return URLDecoder.decode(parameter.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * Sends the missed deletions first, then hands over to the dispatcher's own listener: an object
   * re-created under the same name after its deletion then arrives after the deletion, as it
   * happened.
   */
  private static final class ReplayingListener extends WebSocketListener {

    private final WebSocketListener delegate;
    private final List<String> missed;

    ReplayingListener(WebSocketListener delegate, List<String> missed) {
      this.delegate = delegate;
      this.missed = missed;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      missed.forEach(webSocket::send);
      delegate.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
      delegate.onFailure(webSocket, failure, response);
    }
  }
}
