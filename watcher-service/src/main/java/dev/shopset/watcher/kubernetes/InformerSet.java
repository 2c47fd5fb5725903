package dev.shopset.watcher.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The informers of one resource type (one per watched namespace, or one for all) as one store. */
final class InformerSet<T extends HasMetadata> {

  private final String resource;
  private final List<SharedIndexInformer<T>> informers;

  InformerSet(String resource, List<SharedIndexInformer<T>> informers) {
    this.resource = resource;
    this.informers = List.copyOf(informers);
  }

  String resource() {
    return resource;
  }

  List<SharedIndexInformer<T>> informers() {
    return informers;
  }

  /** The cached object with key {@code namespace/name} (or {@code name}), or null. */
  T get(String key) {
    for (var informer : informers) {
      T found = informer.getStore().getByKey(key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  List<T> byIndex(String index, String value) {
    List<T> result = new ArrayList<>();
    informers.forEach(i -> result.addAll(i.getIndexer().byIndex(index, value)));
    return result;
  }

  List<T> list() {
    List<T> result = new ArrayList<>();
    informers.forEach(i -> result.addAll(i.getStore().list()));
    return result;
  }

  int size() {
    return informers.stream().mapToInt(i -> i.getStore().list().size()).sum();
  }

  boolean synced() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  boolean watching() {
    return informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  CompletableFuture<Void> start() {
    return CompletableFuture.allOf(
        informers.stream()
            .map(i -> i.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new));
  }

  void stop() {
    informers.forEach(SharedIndexInformer::stop);
  }
}
