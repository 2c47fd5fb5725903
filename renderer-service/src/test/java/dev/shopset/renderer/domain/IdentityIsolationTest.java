package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Labels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many ShopSets on one tier branch and one destination, built with the real {@code kubectl
 * kustomize}: two in one namespace, look-alike names across namespaces, one name in two namespaces,
 * and 63-character namespaces and names. No two build an object with the same (group, kind,
 * namespace, name), no selector of one selects another's pods, and every path and Application name
 * is distinct.
 */
class IdentityIsolationTest {

  private static final String LONG_NAMESPACE = "n".repeat(30) + "-" + "m".repeat(32);
  private static final String LONG_NAME = "shopset-with-a-long-name-" + "x".repeat(37) + "1";

  @TempDir Path repo;

  @Test
  void shopSetsNeverShareObjectsOrSelectEachOthersPods() throws Exception {
    List<ShopSetDesired> shopSets =
        List.of(
            desired("shops-eu", "eu-web", List.of("eu-west-1a", "eu-west-1b")),
            desired("shops-eu", "eu-blue", List.of("eu-west-1a")),
            desired("shops-us", "eu-web", List.of()),
            desired("a-b", "c", List.of()),
            desired("a", "b-c", List.of()),
            desired(LONG_NAMESPACE, LONG_NAME, List.of("z1")),
            desired(LONG_NAMESPACE, LONG_NAME.substring(0, 62) + "2", List.of("z1")));

    Map<String, List<JsonNode>> built = new TreeMap<>();
    Set<String> applicationNames = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (ShopSetDesired desired : shopSets) {
      RenderResult result = Golden.RENDERER.render(desired);
      for (Map.Entry<String, String> file : result.files().entrySet()) {
        assertThat(paths.add(file.getKey())).as("two ShopSets write %s", file.getKey()).isTrue();
        write(file.getKey(), file.getValue());
      }
      OverlayBuildTest.layOutSources(repo, desired);
      String application = applicationName(result);
      assertThat(application).hasSizeLessThanOrEqualTo(63);
      assertThat(applicationNames.add(application))
          .as("two ShopSets have Application %s", application)
          .isTrue();
      built.put(
          desired.namespace() + "/" + desired.name(),
          OverlayBuildTest.build(repo.resolve(result.directory())));
    }

    Map<String, String> owners = new HashMap<>();
    built.forEach((shopSet, objects) -> {
      assertThat(objects).as(shopSet).isNotEmpty();
      for (JsonNode object : objects) {
        String identity = identity(object);
        String before = owners.put(identity, shopSet);
        assertThat(before).as("%s is built by %s and %s", identity, before, shopSet).isNull();
      }
    });

    for (var a : built.entrySet()) {
      List<Map<String, String>> selectors = selectors(a.getValue());
      assertThat(selectors).as("selectors of %s", a.getKey()).hasSizeGreaterThanOrEqualTo(3);
      for (Map<String, String> selector : selectors) {
        assertThat(podLabels(a.getValue()))
            .as("%s selects its own pods with %s", a.getKey(), selector)
            .anySatisfy(pod -> assertThat(pod).containsAllEntriesOf(selector));
        for (var b : built.entrySet()) {
          if (a.getKey().equals(b.getKey()) || !sameNamespace(a.getKey(), b.getKey())) {
            continue; // selectors only ever select pods of their own namespace
          }
          for (Map<String, String> pod : podLabels(b.getValue())) {
            assertThat(matches(selector, pod))
                .as("%s selector %s selects pod %s of %s", a.getKey(), selector, pod, b.getKey())
                .isFalse();
          }
        }
      }
      Set<String> ownNames = new HashSet<>();
      a.getValue().forEach(o -> ownNames.add(o.at("/metadata/name").asText()));
      for (JsonNode object : a.getValue()) {
        if (object.path("kind").asText().equals("HorizontalPodAutoscaler")) {
          assertThat(ownNames)
              .as("HPA of %s scales its own Deployment", a.getKey())
              .contains(object.at("/spec/scaleTargetRef/name").asText());
        }
      }
    }
  }

  private static ShopSetDesired desired(String namespace, String name, List<String> zones) {
    return new ShopSetDesired(
        namespace,
        name,
        1,
        new TreeMap<>(),
        new ShopSetDesired.Spec(
            "dev",
            "shop-defaults",
            List.of("berlin"),
            null,
            null,
            null,
            null,
            zones.isEmpty() ? null : new ShopSetDesired.FailureDomain(zones, null),
            null,
            null),
        new ShopSetDesired.TierState(
            "dev",
            0,
            "dev",
            new ShopSetDesired.Repository("https://git.example.com/shop/app.git", null),
            new ShopSetDesired.Repository("https://git.example.com/platform/system.git", null),
            null,
            List.of(),
            false),
        new ShopSetDesired.ConfigurationState(
            "shop-defaults",
            new ShopSetDesired.Repository("https://git.example.com/shop/config.git", null)));
  }

  private void write(String path, String content) throws Exception {
    Path target = repo.resolve(path);
    Files.createDirectories(target.getParent());
    Files.writeString(target, content, StandardCharsets.UTF_8);
  }

  private static String applicationName(RenderResult result) throws Exception {
    return Golden.YAML
        .readTree(result.files().get(result.applicationFile()))
        .at("/metadata/name")
        .asText();
  }

  /** (group, kind, namespace, name). */
  private static String identity(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return group
        + "/"
        + object.path("kind").asText()
        + " "
        + object.at("/metadata/namespace").asText()
        + "/"
        + object.at("/metadata/name").asText();
  }

  /** Every label selector the objects carry: Service, PDB, workload and topology spread. */
  private static List<Map<String, String>> selectors(List<JsonNode> objects) {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode object : objects) {
      switch (object.path("kind").asText()) {
        case "Service" -> out.add(labels(object.at("/spec/selector")));
        case "PodDisruptionBudget", "Deployment", "StatefulSet", "DaemonSet" -> {
          out.add(labels(object.at("/spec/selector/matchLabels")));
          object
              .at("/spec/template/spec/topologySpreadConstraints")
              .forEach(c -> out.add(labels(c.at("/labelSelector/matchLabels"))));
        }
        default -> {
          // no label selector
        }
      }
    }
    out.forEach(selector ->
        assertThat(selector).as("selectors name the ShopSet").containsKey(Labels.SHOPSET));
    return out;
  }

  private static List<Map<String, String>> podLabels(List<JsonNode> objects) {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode object : objects) {
      JsonNode labels = object.at("/spec/template/metadata/labels");
      if (!labels.isMissingNode()) {
        out.add(labels(labels));
      }
    }
    return out;
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static boolean sameNamespace(String a, String b) {
    return a.substring(0, a.indexOf('/')).equals(b.substring(0, b.indexOf('/')));
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
