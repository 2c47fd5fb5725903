package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.ShopSetDesired;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which system branches pin which source branches, from the desired state (compacted {@code
 * shopset.desired}, read whole by every instance): each ShopSet's tier branch pins its app
 * repository's and its configuration repository's branch of the same name. A source change is
 * routed to exactly these branches, but for those whose Tier is frozen. Until the desired state as
 * of startup has been read, it is not {@link #loaded()} and nothing may be routed.
 */
public final class PinDirectory {

  /** Where one ShopSet lives and what its branch pins. */
  record Placement(BranchId branch, SourceRef app, SourceRef config) {}

  private final Map<String, Placement> byShopSet = new HashMap<>();
  private final Map<SourceRef, Map<BranchId, Integer>> pinners = new HashMap<>();
  private final Map<BranchId, Boolean> frozen = new HashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);

  /** Records (or updates) where the ShopSet {@code desired} lives. */
  public synchronized void learn(ShopSetDesired desired) {
    String branch = desired.tier().branch();
    Placement placement =
        new Placement(
            new BranchId(desired.tier().systemRepository().url(), branch),
            new SourceRef(desired.tier().appRepository().url(), branch),
            new SourceRef(desired.configuration().repository().url(), branch));
    // every ShopSet of a tier carries the Tier as it is now: the latest one says whether it is
    // frozen
    frozen.put(placement.branch(), desired.tier().frozen());
    Placement previous = byShopSet.put(key(desired.namespace(), desired.name()), placement);
    if (placement.equals(previous)) {
      return;
    }
    if (previous != null) {
      drop(previous);
    }
    count(placement.app(), placement.branch(), 1);
    count(placement.config(), placement.branch(), 1);
  }

  /** The ShopSet {@code namespace/name} is gone. */
  public synchronized void forget(String namespace, String name) {
    Placement previous = byShopSet.remove(key(namespace, name));
    if (previous != null) {
      drop(previous);
    }
  }

  /** The system branches that pin {@code source}. */
  public synchronized Set<BranchId> pinners(SourceRef source) {
    return new LinkedHashSet<>(pinners.getOrDefault(source, Map.of()).keySet());
  }

  /**
   * Whether the Tier of system branch {@code branch} is frozen (its {@code spec.frozen}, as the
   * latest desired state of a ShopSet on it says): its pins stay where they are, but for a
   * rollback.
   */
  public synchronized boolean frozen(BranchId branch) {
    return frozen.getOrDefault(branch, false);
  }

  public void markLoaded() {
    loaded.countDown();
  }

  public boolean loaded() {
    return loaded.getCount() == 0;
  }

  /** Waits until the desired state as of startup is read; false when {@code wait} ran out. */
  public boolean awaitLoaded(Duration wait) throws InterruptedException {
    return loaded.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void drop(Placement placement) {
    count(placement.app(), placement.branch(), -1);
    count(placement.config(), placement.branch(), -1);
  }

  private void count(SourceRef source, BranchId branch, int delta) {
    Map<BranchId, Integer> branches = pinners.computeIfAbsent(source, s -> new HashMap<>());
    int n = branches.getOrDefault(branch, 0) + delta;
    if (n <= 0) {
      branches.remove(branch);
      if (branches.isEmpty()) {
        pinners.remove(source);
      }
    } else {
      branches.put(branch, n);
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
