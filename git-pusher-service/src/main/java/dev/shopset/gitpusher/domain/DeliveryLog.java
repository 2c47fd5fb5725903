package dev.shopset.gitpusher.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook delivery ids seen lately (the last {@code capacity}): a delivery seen before is a
 * replay. Kept per instance; forward-only pins make a replay that reaches another instance
 * harmless.
 */
public final class DeliveryLog {

  private final Map<String, Boolean> seen;

  public DeliveryLog(int capacity) {
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records {@code id}; false when it was seen before (a replay). */
  public synchronized boolean firstTime(String id) {
    return seen.put(id, Boolean.TRUE) == null;
  }
}
