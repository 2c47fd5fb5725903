package dev.shopset.watcher.kubernetes;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keys of objects to reconcile. Informer handlers only add to it; a key already waiting is not
 * added twice (the reconcile reads the whole current state anyway).
 */
@ApplicationScoped
public class WorkQueue {

  /** What kind of object a key names. */
  public enum Kind {
    SHOPSET,
    PROMOTION,
    DEPLOYMENT,
    TIER,
    CONFIGURATION
  }

  /** One object to reconcile, and when its change was first seen. */
  public record Item(Kind kind, String key, Instant seenAt) {}

  private record Id(Kind kind, String key) {}

  private final LinkedBlockingQueue<Id> queue = new LinkedBlockingQueue<>();
  private final Map<Id, Instant> waiting = new ConcurrentHashMap<>();

  public void add(Kind kind, String key) {
    Id id = new Id(kind, key);
    if (waiting.putIfAbsent(id, Instant.now()) == null) {
      queue.add(id);
    }
  }

  /** The next item, or null after {@code millis} without one. */
  Item poll(long millis) throws InterruptedException {
    Id id = queue.poll(millis, TimeUnit.MILLISECONDS);
    if (id == null) {
      return null;
    }
    Instant seenAt = waiting.remove(id);
    return new Item(id.kind(), id.key(), seenAt == null ? Instant.now() : seenAt);
  }

  int size() {
    return queue.size();
  }
}
