package dev.shopset.renderer.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.EventType;
import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The golden cases under {@code src/test/resources/golden/<case>/}: {@code input.yaml} (a
 * desired-state event: {@code type} and {@code data}) and {@code expected/} ({@code event.yaml},
 * the event without its files, and {@code files/}, every rendered file at its repository path).
 * Regenerate with {@code -Dgolden.update=true}, then review the diff.
 */
final class Golden {

  static final Path ROOT = Path.of("src/test/resources/golden");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");
  static final YAMLMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  static final ShopSetRenderer RENDERER = new ShopSetRenderer(RenderSettings.defaults());

  private Golden() {}

  static List<String> cases() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DesiredStateEvent input(String name) {
    try {
      JsonNode node = YAML.readTree(ROOT.resolve(name).resolve("input.yaml").toFile());
      EventType type = EventType.ofType(node.path("type").asText()).orElseThrow();
      return (DesiredStateEvent) YAML.treeToValue(node.get("data"), type.recordClass());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RenderEvent render(String name) {
    return RENDERER.render(input(name));
  }

  /** What the expected/ directory must hold for {@code event}: relative path to content. */
  static Map<String, String> layout(RenderEvent event) {
    Map<String, String> out = new TreeMap<>();
    Map<String, Object> summary =
        Maps.of(
            "type", EventType.of(event).type(),
            "key", event.key(),
            "namespace", event.namespace(),
            "name", event.name(),
            "systemRepository", event.systemRepository(),
            "branch", event.branch(),
            "directory", event.directory(),
            "applicationFile", event.applicationFile());
    if (event instanceof RenderResult result) {
      summary.put("generation", result.generation());
      List<Object> submodules = new ArrayList<>();
      for (RenderResult.Submodule s : result.submodules()) {
        submodules.add(Maps.of("path", s.path(), "url", s.url(), "branch", s.branch()));
      }
      summary.put("submodules", submodules);
      result.files().forEach((path, content) -> out.put("files/" + path, content));
    }
    out.put("event.yaml", YamlWriter.write(summary));
    return out;
  }

  static Map<String, String> readExpected(String name) {
    Path dir = ROOT.resolve(name).resolve("expected");
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static void writeExpected(String name, Map<String, String> files) {
    Path dir = ROOT.resolve(name).resolve("expected");
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> old = Files.walk(dir)) {
          for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = dir.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
