package dev.shopset.shopctl;

/** "Did you mean …?": the existing name closest to a mistyped one. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The name in {@code existing} closest to {@code typed} by edit distance, if it is close enough
   * to be a typo (at most a third of the typed length, at least 1, at most 3), or one that starts
   * with it; ties go to the first by name. Null when none is.
   */
  public static String closest(String typed, Iterable<String> existing) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int allowed = Math.max(1, Math.min(3, typed.length() / 3));
    for (String name : existing) {
      int distance = distance(typed, name);
      if (distance <= allowed || (name.startsWith(typed) && typed.length() >= 3)) {
        if (distance < bestDistance
            || (distance == bestDistance && best != null && name.compareTo(best) < 0)) {
          best = name;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
