package dev.shopset.system;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst of ShopSet changes written to the API at a steady rate in the background: creations, spec
 * changes (the replica count counts a ShopSet's versions) and deletions, in a seeded random order.
 * Knows what every ShopSet of the burst should look like in git once it is through.
 */
final class Burst {

  private final Resources api;
  private final String namespace;
  private final String tier;
  private final String prefix;
  private final int shopSets;
  private final int changes;
  private final boolean deletions;
  private final Random random;
  private final Map<String, Integer> versions = new TreeMap<>();
  private final Map<String, Integer> expected = new TreeMap<>();
  private final AtomicInteger done = new AtomicInteger();

  Burst(
      Resources api,
      String namespace,
      String tier,
      String prefix,
      int shopSets,
      int changes,
      boolean deletions,
      long seed) {
    this.api = api;
    this.namespace = namespace;
    this.tier = tier;
    this.prefix = prefix;
    this.shopSets = shopSets;
    this.changes = changes;
    this.deletions = deletions;
    this.random = new Random(seed);
  }

  /** Writes the changes at {@code perSecond}; the future completes after the last one. */
  CompletableFuture<Void> start(double perSecond) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    long periodMicros = (long) (1_000_000 / perSecond);
    pace.scheduleAtFixedRate(
        () -> {
          try {
            if (done.get() >= changes) {
              finished.complete(null);
              pace.shutdown();
              return;
            }
            next();
            done.incrementAndGet();
          } catch (RuntimeException e) {
            finished.completeExceptionally(e);
            pace.shutdown();
          }
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
    return finished;
  }

  /** Writes all changes as fast as the API takes them. */
  void runNow() {
    while (done.get() < changes) {
      next();
      done.incrementAndGet();
    }
  }

  private void next() {
    String name = prefix + "-" + String.format("%03d", random.nextInt(shopSets));
    boolean exists = expected.containsKey(name);
    if (exists && deletions && random.nextInt(8) == 0) {
      api.delete(namespace, name);
      expected.remove(name);
      return;
    }
    int version = versions.merge(name, 1, Integer::sum);
    api.apply(namespace, name, Resources.spec(tier, version, "shop-" + version));
    expected.put(name, version);
  }

  int changesWritten() {
    return done.get();
  }

  /** ShopSet name to the replica count its latest spec asks for (deleted ones absent). */
  Map<String, Integer> expected() {
    return Map.copyOf(expected);
  }

  String prefix() {
    return prefix;
  }
}
