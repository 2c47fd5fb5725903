package dev.shopset.local.kubernetes;

import java.util.function.Predicate;

/**
 * An open watch on one resource: which objects it selects, how an event is written for its client
 * (JSON line, WebSocket message, Table), and where it goes.
 */
final class Watch {

  /** The client end of a watch. */
  interface Sink {
    /**
     * Sends one event; false when the client is gone or too far behind and the watch must end.
     * Never throws: it runs within the store's writes.
     */
    boolean send(String type, Stored object);

    /** Sends a line that is no object event (an ERROR or BOOKMARK event). */
    void sendRaw(byte[] line);

    /** Ends the watch from the server side. */
    void close();
  }

  private final String storageKey;
  private final String namespace;
  private final Predicate<Stored> selects;
  private final Sink sink;
  private volatile boolean open = true;

  Watch(String storageKey, String namespace, Predicate<Stored> selects, Sink sink) {
    this.storageKey = storageKey;
    this.namespace = namespace;
    this.selects = selects;
    this.sink = sink;
  }

  String storageKey() {
    return storageKey;
  }

  boolean selects(Stored object) {
    return object != null
        && (namespace == null || namespace.equals(object.namespace()))
        && selects.test(object);
  }

  /**
   * Delivers a change as this watch sees it: an object that starts matching its selector is ADDED,
   * one that stops matching is DELETED, as a real API server does. False when the watch must end.
   */
  boolean deliver(String type, Stored previous, Stored current) {
    if (!open) {
      return false;
    }
    return switch (type) {
      case "ADDED" -> !selects(current) || sink.send("ADDED", current);
      case "DELETED" -> !selects(current) || sink.send("DELETED", current);
      default -> {
        boolean before = selects(previous);
        boolean after = selects(current);
        if (before && after) {
          yield sink.send("MODIFIED", current);
        } else if (after) {
          yield sink.send("ADDED", current);
        } else if (before) {
          yield sink.send("DELETED", current);
        }
        yield true;
      }
    };
  }

  void close() {
    if (open) {
      open = false;
      try {
        sink.close();
      } catch (IllegalStateException e) {
        // already closed by the client: nothing to end
      }
    }
  }

  boolean isOpen() {
    return open;
  }
}
