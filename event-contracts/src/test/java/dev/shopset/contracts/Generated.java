package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Files generated from the Java classes and committed: the tests compare what is committed with
 * what the classes generate; {@code -Dshopset.regenerate=true} writes the generated files instead.
 */
final class Generated {

  private Generated() {}

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("event-contracts"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Run from inside the ShopSet repository");
    }
    return dir;
  }

  /** Compares {@code generated} (file name to content) with the files of {@code dir}. */
  static void assertCommitted(Path dir, Map<String, String> generated, String suffix)
      throws IOException {
    if (Boolean.getBoolean("shopset.regenerate")) {
      Files.createDirectories(dir);
      try (Stream<Path> old = Files.list(dir)) {
        for (Path file : old.filter(p -> p.toString().endsWith(suffix)).toList()) {
          Files.delete(file);
        }
      }
      for (var entry : generated.entrySet()) {
        Files.writeString(dir.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
      }
      return;
    }
    Map<String, String> committed = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
          committed.put(file.getFileName().toString(), Files.readString(file));
        }
      }
    }
    assertThat(committed)
        .as(
            "%s must hold exactly what the classes generate; run"
                + " `./shopset mvn -pl event-contracts test -Dshopset.regenerate=true` and commit",
            dir)
        .isEqualTo(new TreeMap<>(generated));
  }
}
