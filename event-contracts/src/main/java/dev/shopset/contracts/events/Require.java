package dev.shopset.contracts.events;

/** Checks that event records run on construction, so a broken body is reported by field name. */
final class Require {
  private Require() {}

  static <T> T present(T value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static <T> java.util.List<T> list(java.util.List<T> value) {
    return value == null ? java.util.List.of() : java.util.List.copyOf(value);
  }

  static <K extends Comparable<K>, V> java.util.SortedMap<K, V> sorted(java.util.Map<K, V> value) {
    return value == null
        ? java.util.Collections.emptySortedMap()
        : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(value));
  }
}
