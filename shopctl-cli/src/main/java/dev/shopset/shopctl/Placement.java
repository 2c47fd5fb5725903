package dev.shopset.shopctl;

import dev.shopset.contracts.resources.ShopSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a new shop goes ({@code shopctl shops place}), by a convention so that no one has to
 * decide, and deterministic: the same ShopSets give the same answer.
 *
 * <ol>
 *   <li>Among the candidate ShopSets (one namespace, one tier, and a label selector if given), the
 *       ones with room: fewer shops than {@code spec.maxShops} (1000, what every ShopSet allows,
 *       when it has none).
 *   <li>Of those, the one with the fewest shops; ties go to the first by name.
 *   <li>When none has room: a new ShopSet, copied from the fullest candidate (most shops; ties to
 *       the first by name) with only the new shop, named {@code <base>-<n>}: {@code base} is the
 *       fullest one's name without a trailing {@code -<digits>}, {@code n} the smallest number from
 *       2 up that no ShopSet of the namespace uses.
 * </ol>
 */
public final class Placement {

  /** A ShopSet may hold at most this many shops when it sets no {@code maxShops}. */
  public static final int LIMIT = 1000;

  private static final Pattern NUMBERED = Pattern.compile("^(.*)-([0-9]+)$");

  /** Where the shop goes. */
  public sealed interface Choice {
    /** Into an existing ShopSet that has room. */
    record Existing(ShopSet shopSet) implements Choice {}

    /** Into a new ShopSet named {@code name}, copied from {@code template}. */
    record New(String name, ShopSet template) implements Choice {}
  }

  private Placement() {}

  /**
   * Chooses for one shop among {@code candidates} (non-empty); {@code taken} are the names of every
   * ShopSet of the namespace.
   */
  public static Choice choose(List<ShopSet> candidates, Set<String> taken) {
    Comparator<ShopSet> byName = Comparator.comparing(s -> s.getMetadata().getName());
    return candidates.stream()
        .filter(s -> size(s) < capacity(s))
        .min(Comparator.comparingInt(Placement::size).thenComparing(byName))
        .<Choice>map(Choice.Existing::new)
        .orElseGet(() -> {
          ShopSet fullest =
              candidates.stream()
                  .min(Comparator.comparingInt((ShopSet s) -> -size(s)).thenComparing(byName))
                  .orElseThrow();
          return new Choice.New(nextName(fullest.getMetadata().getName(), taken), fullest);
        });
  }

  /** {@code <base>-<n>}: the smallest n from 2 whose name is not taken. */
  public static String nextName(String name, Set<String> taken) {
    Matcher numbered = NUMBERED.matcher(name);
    String base = numbered.matches() ? numbered.group(1) : name;
    for (int n = 2; ; n++) {
      String candidate = base + "-" + n;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  public static int size(ShopSet s) {
    return s.getSpec() == null || s.getSpec().shops() == null ? 0 : s.getSpec().shops().size();
  }

  public static int capacity(ShopSet s) {
    Integer max = s.getSpec() == null ? null : s.getSpec().maxShops();
    return max == null ? LIMIT : Math.min(max, LIMIT);
  }
}
