package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every schema a release published still holds: the current schema of each released type may only
 * have grown by optional fields (see {@link SchemaCompatibility}). The schemas of each release are
 * kept in {@code src/test/resources/released/<version>/}; cutting a release adds its directory
 * ({@code -Dshopset.release=<version>} copies the current schemas there).
 */
class ReleasedSchemasTest {

  static final Path RELEASED =
      Generated.repositoryRoot().resolve("event-contracts/src/test/resources/released");
  static final Path CURRENT =
      Generated.repositoryRoot().resolve("event-contracts/src/main/resources/schemas");

  @Test
  void everyReleasedTypeIsStillReadableTheSameWay() throws IOException {
    String release = System.getProperty("shopset.release");
    if (release != null && !release.isBlank()) {
      snapshot(release);
    }
    List<Path> releases = releases();
    assertThat(releases).as("released schemas under %s", RELEASED).isNotEmpty();
    Map<String, JsonNode> current = schemas(CURRENT);
    for (Path dir : releases) {
      Map<String, JsonNode> released = schemas(dir);
      assertThat(released).as("schemas of release %s", dir.getFileName()).isNotEmpty();
      assertThat(SchemaCompatibility.breaks(dir.getFileName().toString(), released, current))
          .as("changes to published event types that break consumers")
          .isEmpty();
    }
  }

  private static void snapshot(String release) throws IOException {
    Path target = RELEASED.resolve(release);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(CURRENT)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static List<Path> releases() throws IOException {
    if (!Files.isDirectory(RELEASED)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(RELEASED)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Event type (file name without {@code .json}) to schema. */
  static Map<String, JsonNode> schemas(Path dir) throws IOException {
    Map<String, JsonNode> schemas = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        String name = file.getFileName().toString();
        schemas.put(
            name.substring(0, name.length() - ".json".length()),
            EventCodec.json().readTree(file.toFile()));
      }
    }
    return schemas;
  }
}
