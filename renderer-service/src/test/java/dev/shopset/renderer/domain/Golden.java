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
 * The golden cases under {@code src/test/resources/golden/<case>/}: {@code input.yaml} (one or more
 * desired-state events: {@code type} and {@code data}, as YAML documents) and {@code expected/}
 * ({@code event.yaml}, or {@code event-<n>.yaml} per event, the event without its files; {@code
 * files/}, every rendered file at its repository path; {@code shared/}, the files every ShopSet of
 * the branch shares). Regenerate with {@code -Dgolden.update=true}, then review the diff.
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

  /** The case's first (for most cases: only) event. */
  static DesiredStateEvent input(String name) {
    return inputs(name).get(0);
  }

  static List<DesiredStateEvent> inputs(String name) {
    List<DesiredStateEvent> events = new ArrayList<>();
    try (var parser = YAML.createParser(ROOT.resolve(name).resolve("input.yaml").toFile())) {
      for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
        EventType type = EventType.ofType(node.path("type").asText()).orElseThrow();
        events.add((DesiredStateEvent) YAML.treeToValue(node.get("data"), type.recordClass()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  static List<RenderEvent> render(String name) {
    return inputs(name).stream().map(RENDERER::render).toList();
  }

  /**
   * What the expected/ directory must hold for {@code events}: relative path to content. No two
   * events may write one file, and a shared file must have the same bytes from every event.
   */
  static Map<String, String> layout(List<RenderEvent> events) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < events.size(); i++) {
      String summary = events.size() == 1 ? "event.yaml" : "event-" + (i + 1) + ".yaml";
      layout(events.get(i), summary, out);
    }
    return out;
  }

  private static void layout(RenderEvent event, String summaryFile, Map<String, String> out) {
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
      summary.put("shared", List.copyOf(result.shared().keySet()));
      result
          .files()
          .forEach((path, content) -> {
            if (out.put("files/" + path, content) != null) {
              throw new AssertionError("Two events of the case write " + path);
            }
          });
      result
          .shared()
          .forEach((path, content) -> {
            String before = out.put("shared/" + path, content);
            if (before != null && !before.equals(content)) {
              throw new AssertionError("Shared " + path + " differs between events of the case");
            }
          });
    }
    out.put(summaryFile, YamlWriter.write(summary));
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
