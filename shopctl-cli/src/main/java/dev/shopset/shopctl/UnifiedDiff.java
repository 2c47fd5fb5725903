package dev.shopset.shopctl;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (as {@code diff -u} prints it), by longest common subsequence. */
public final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /**
   * The diff of {@code before} and {@code after} (null: the file does not exist on that side) with
   * {@code ---}/{@code +++} headers naming {@code path}; empty when they are equal.
   */
  public static String diff(String path, String before, String after) {
    if (java.util.Objects.equals(before, after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<String[]> ops = ops(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
    out.append("+++ ").append(after == null ? "/dev/null" : "b/" + path).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i)[0].equals(" ")) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // extend the hunk while changes are within 2*CONTEXT of each other
      int lastChange = i;
      while (end < ops.size()) {
        if (!ops.get(end)[0].equals(" ")) {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aStart = 0;
      int bStart = 0;
      for (int k = 0; k < start; k++) {
        if (!ops.get(k)[0].equals("+")) {
          aStart++;
        }
        if (!ops.get(k)[0].equals("-")) {
          bStart++;
        }
      }
      int aCount = 0;
      int bCount = 0;
      StringBuilder hunk = new StringBuilder();
      for (int k = start; k < end; k++) {
        String[] op = ops.get(k);
        if (!op[0].equals("+")) {
          aCount++;
        }
        if (!op[0].equals("-")) {
          bCount++;
        }
        hunk.append(op[0]).append(op[1]).append('\n');
      }
      out.append("@@ -")
          .append(range(aStart, aCount))
          .append(" +")
          .append(range(bStart, bCount))
          .append(" @@\n")
          .append(hunk);
      i = end;
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    int first = count == 0 ? start : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Edit script: {" ", line}, {"-", line}, {"+", line}. */
  private static List<String[]> ops(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String[]> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        ops.add(new String[] {" ", a.get(i)});
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        ops.add(new String[] {"-", a.get(i++)});
      } else {
        ops.add(new String[] {"+", b.get(j++)});
      }
    }
    while (i < a.size()) {
      ops.add(new String[] {"-", a.get(i++)});
    }
    while (j < b.size()) {
      ops.add(new String[] {"+", b.get(j++)});
    }
    return ops;
  }
}
