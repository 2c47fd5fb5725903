package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Finds ShopSets that {@code shopset.desired} still carries but that no longer exist: deleted while
 * no watcher ran, so no informer ever reported the deletion. Read from the compacted topic at
 * start.
 */
public final class Orphans {

  private Orphans() {}

  /** Where a ShopSet was last rendered to (its Tier and branch), and the id of that event. */
  public record Placement(String id, String tier, String systemRepository, String branch) {}

  /**
   * Folds one record of {@code shopset.desired} (in offset order) into the last placement per key.
   *
   * @param event the record's event, null for a tombstone
   */
  public static void fold(
      Map<String, Placement> published, String key, String id, ShopSetEvent event) {
    switch (event) {
      case ShopSetDesired desired ->
          published.put(
              key,
              new Placement(
                  id,
                  desired.tier().name(),
                  desired.tier().systemRepository().url(),
                  desired.tier().branch()));
      case ShopSetDeleted deleted -> published.remove(key);
      case null -> published.remove(key);
      default -> {
        // Not a desired-state event: nothing to learn about placements.
      }
    }
  }

  /**
   * The published ShopSets in watched namespaces that do not exist (any more), sorted by key.
   *
   * @param exists whether a ShopSet {@code namespace/name} exists now
   * @param watched whether this watcher is responsible for a namespace
   */
  public static Map<String, Placement> of(
      Map<String, Placement> published, Predicate<String> exists, Predicate<String> watched) {
    Map<String, Placement> orphans = new TreeMap<>();
    published.forEach((key, placement) -> {
      int slash = key.indexOf('/');
      if (slash > 0 && watched.test(key.substring(0, slash)) && !exists.test(key)) {
        orphans.put(key, placement);
      }
    });
    return orphans;
  }
}
