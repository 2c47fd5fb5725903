package dev.shopset.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's metrics table (the rows after the {@code <!-- metrics: ...-->} marker): metric name
 * to type, and the Prometheus series names each type publishes.
 */
final class MetricsTable {

  static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z_:]+)` \\| ([a-z]+) \\|");

  private MetricsTable() {}

  /** Documented metric name to its type (counter, gauge, histogram, timer). */
  static Map<String, String> documented() throws IOException {
    List<String> lines = Files.readAllLines(README);
    Map<String, String> metrics = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : lines) {
      if (line.startsWith("<!-- metrics:")) {
        inTable = true;
        continue;
      }
      if (inTable) {
        Matcher m = ROW.matcher(line);
        if (m.find()) {
          metrics.put(m.group(1), m.group(2));
        } else if (!line.startsWith("|")) {
          break;
        }
      }
    }
    return metrics;
  }

  /** The series names a documented metric of {@code type} has in Prometheus. */
  static Set<String> series(String name, String type) {
    return switch (type) {
      case "histogram" -> Set.of(name + "_bucket", name + "_count", name + "_sum", name + "_max");
      case "timer" -> Set.of(name + "_count", name + "_sum", name + "_max");
      default -> Set.of(name);
    };
  }

  /** Every series name the documented metrics publish. */
  static Set<String> allSeries() throws IOException {
    Set<String> all = new java.util.TreeSet<>();
    documented().forEach((name, type) -> all.addAll(series(name, type)));
    return all;
  }
}
