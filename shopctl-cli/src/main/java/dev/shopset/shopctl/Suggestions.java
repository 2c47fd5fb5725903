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

  /**
   * Edit distance with adjacent transpositions (optimal string alignment): "dve" is 1 from "dev".
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
