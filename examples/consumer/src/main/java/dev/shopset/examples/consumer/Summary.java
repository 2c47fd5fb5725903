package dev.shopset.examples.consumer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a read found.
 *
 * @param events events read, by {@code ce_type}
 * @param skipped records skipped because this library does not know their type, by {@code ce_type}
 * @param tombstones records without a value on a compacted topic (not events)
 * @param deadLetters records read from dead-letter topics
 * @param unreadable records that are not ShopSet events this library can read (stepped over)
 * @param missingTopics topics asked for that do not exist
 */
public record Summary(
    Map<String, Long> events,
    Map<String, Long> skipped,
    long tombstones,
    long deadLetters,
    long unreadable,
    List<String> missingTopics) {

  public Summary {
    events = new TreeMap<>(events);
    skipped = new TreeMap<>(skipped);
    missingTopics = List.copyOf(missingTopics);
  }

  /** All events read. */
  public long eventCount() {
    return events.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for people. */
  @Override
  public String toString() {
    return "%d event(s) %s, %d tombstone(s), %d skipped (unknown types %s), %d dead letter(s), %d unreadable%s"
        .formatted(
            eventCount(),
            events,
            tombstones,
            skipped.values().stream().mapToLong(Long::longValue).sum(),
            skipped.keySet(),
            deadLetters,
            unreadable,
            missingTopics.isEmpty() ? "" : ", missing topics " + missingTopics);
  }
}
