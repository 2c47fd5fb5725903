package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The objects of the in-memory API, indexed by resource and {@code namespace/name}, with one
 * resource version counter for all of them (as etcd's revision) and a bounded history of changes
 * per resource from which watches resume. A get costs the same at 10 or 100,000 objects; a list
 * reads only its resource (and namespace).
 *
 * <p>Writes run one at a time under the write lock, so a watch opened, or a list answered, sees
 * every change before its resource version and none after.
 */
final class Store {

  /** Changes kept per resource for watches that resume; older resource versions get 410 Gone. */
  static final int HISTORY = 20_000;

  private record Change(String type, Stored previous, Stored current) {}

  /** One page of a list: its items, the resource version it reflects, and where the next starts. */
  record Page(List<Stored> items, long resourceVersion, String continueAfter) {}

  private static final class Resource {
    final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Change> history = new ConcurrentSkipListMap<>();
    final List<Watch> watches = new CopyOnWriteArrayList<>();
    int historySize;
    long forgottenUpTo;
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();
  private final int history;
  private volatile long revision;

  Store() {
    this(HISTORY);
  }

  /** A store that keeps {@code history} changes per resource for resuming watches. */
  Store(int history) {
    this.history = history;
  }

  /** Runs {@code work} as one write: no other write, list or watch opening interleaves. */
  <R> R exclusive(Supplier<R> work) {
    lock.writeLock().lock();
    try {
      return work.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  long revision() {
    return revision;
  }

  Stored get(String storageKey, String namespace, String name) {
    Resource resource = resources.get(storageKey);
    return resource == null ? null : resource.objects.get(Stored.key(namespace, name));
  }

  /**
   * Stores {@code object} (its {@code metadata.resourceVersion} set to the next revision) and tells
   * the watches; call within {@link #exclusive}.
   */
  Stored save(String storageKey, ObjectNode object) {
    requireWriteLock();
    long version = revision + 1;
    Json.with(object, "metadata").put("resourceVersion", Long.toString(version));
    Stored stored = Stored.of(object, version);
    Resource resource = resource(storageKey);
    Stored previous = resource.objects.put(stored.key(), stored);
    revision = version;
    record(resource, new Change(previous == null ? "ADDED" : "MODIFIED", previous, stored));
    return stored;
  }

  /**
   * Removes {@code current}; watches get it at a new resource version. Within {@link #exclusive}.
   */
  Stored remove(String storageKey, Stored current) {
    requireWriteLock();
    long version = revision + 1;
    ObjectNode object = current.tree();
    Json.with(object, "metadata").put("resourceVersion", Long.toString(version));
    Stored deleted = Stored.of(object, version);
    Resource resource = resource(storageKey);
    resource.objects.remove(current.key());
    revision = version;
    record(resource, new Change("DELETED", current, deleted));
    return deleted;
  }

  /** Every object of a resource, in one namespace or all (null), within {@link #exclusive}. */
  List<Stored> all(String storageKey, String namespace) {
    Resource resource = resources.get(storageKey);
    if (resource == null) {
      return List.of();
    }
    return List.copyOf(range(resource, namespace).values());
  }

  /** The storage keys of every resource that holds objects. */
  List<String> storageKeys() {
    return List.copyOf(resources.keySet());
  }

  /**
   * Up to {@code limit} (0: all) selected objects of a resource in one namespace or all (null),
   * after {@code continueAfter}, in key order.
   */
  Page list(
      String storageKey,
      String namespace,
      Predicate<Stored> selects,
      String continueAfter,
      long limit) {
    lock.readLock().lock();
    try {
      long version = revision;
      Resource resource = resources.get(storageKey);
      if (resource == null) {
        return new Page(List.of(), version, null);
      }
      NavigableMap<String, Stored> range = range(resource, namespace);
      if (continueAfter != null) {
        range = range.tailMap(continueAfter, false);
      }
      List<Stored> items = new ArrayList<>();
      for (Stored object : range.values()) {
        if (!selects.test(object)) {
          continue;
        }
        if (limit > 0 && items.size() == limit) {
          return new Page(items, version, items.get(items.size() - 1).key());
        }
        items.add(object);
      }
      return new Page(items, version, null);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Opens {@code watch}: from {@code since} it first gets every change after that resource version
   * (410 Expired when the history no longer reaches back so far); without one it first gets every
   * selected object as ADDED. Then every change as it happens.
   */
  void open(Watch watch, Long since) {
    exclusive(() -> {
      Resource resource = resource(watch.storageKey());
      if (since == null) {
        for (Stored object : resource.objects.values()) {
          if (!watch.deliver("ADDED", null, object)) {
            watch.close();
            return null;
          }
        }
      } else {
        if (since < resource.forgottenUpTo) {
          throw ApiError.expired(since, resource.forgottenUpTo);
        }
        for (Change change : resource.history.tailMap(since, false).values()) {
          if (!watch.deliver(change.type(), change.previous(), change.current())) {
            watch.close();
            return null;
          }
        }
      }
      resource.watches.add(watch);
      return null;
    });
  }

  /** Forgets a watch its client closed. */
  void cancel(Watch watch) {
    Resource resource = resources.get(watch.storageKey());
    if (resource != null) {
      resource.watches.remove(watch);
    }
    watch.close();
  }

  /** Ends every open watch of every resource (the API server goes away). */
  void closeAllWatches() {
    for (Resource resource : resources.values()) {
      List<Watch> open = List.copyOf(resource.watches);
      resource.watches.clear();
      open.forEach(Watch::close);
    }
  }

  /** Ends every watch of a resource (its CRD is gone); within {@link #exclusive}. */
  void closeWatches(String storageKey) {
    Resource resource = resources.get(storageKey);
    if (resource != null) {
      resource.watches.forEach(Watch::close);
      resource.watches.clear();
    }
  }

  private void record(Resource resource, Change change) {
    resource.history.put(change.current().resourceVersion(), change);
    if (++resource.historySize > history) {
      var oldest = resource.history.pollFirstEntry();
      resource.forgottenUpTo = oldest.getKey();
      resource.historySize--;
    }
    for (Watch watch : resource.watches) {
      if (!watch.deliver(change.type(), change.previous(), change.current())) {
        resource.watches.remove(watch);
        watch.close();
      }
    }
  }

  private static NavigableMap<String, Stored> range(Resource resource, String namespace) {
    // Keys are "namespace/name" and namespaces hold no '/': '0' is the character after '/'.
    return namespace == null
        ? resource.objects
        : resource.objects.subMap(namespace + "/", true, namespace + "0", false);
  }

  private Resource resource(String storageKey) {
    return resources.computeIfAbsent(storageKey, k -> new Resource());
  }

  private void requireWriteLock() {
    if (!lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("Store writes run within exclusive()");
    }
  }
}
