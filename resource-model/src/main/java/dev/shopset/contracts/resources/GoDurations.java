package dev.shopset.contracts.resources;

import java.time.Duration;
import java.util.regex.Matcher;

/**
 * Go-style durations ({@code 30m}, {@code 24h}, {@code 1h30m}, {@code 1.5h}) as Kubernetes writes
 * them.
 */
public final class GoDurations {
  private static final java.util.regex.Pattern PART =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private GoDurations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a duration like {@code 24h} or {@code 1h30m}
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A duration is required, e.g. 24h or 1h30m");
    }
    Matcher m = PART.matcher(text);
    int at = 0;
    double millis = 0;
    while (m.find() && m.start() == at) {
      double value = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            case "m" -> value * 60_000;
            default -> value * 3_600_000;
          };
      at = m.end();
    }
    if (at != text.length() || at == 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write it like 24h, 30m or 1h30m");
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
