package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds every expected overlay of the goldens with the real {@code kubectl kustomize} against
 * {@code examples/} laid out as the system repository would be ({@code base/}, {@code
 * config/<namespace>/<name>/}), then checks the built objects against what the case's input asked
 * for.
 */
class OverlayBuildTest {

  static final Path EXAMPLES = Path.of("../examples");

  @TempDir Path repo;

  static List<String> renderCases() {
    return Golden.cases().stream()
        .filter(name -> Golden.input(name) instanceof ShopSetDesired)
        .toList();
  }

  @ParameterizedTest
  @MethodSource("renderCases")
  void expectedOverlayBuildsToWhatTheInputAskedFor(String name) throws Exception {
    layOut(name);
    for (var event : Golden.inputs(name)) {
      checkBuild((ShopSetDesired) event, name);
    }
  }

  private void checkBuild(ShopSetDesired desired, String name) throws Exception {
    String ns = desired.namespace();
    String set = desired.name();
    String prefix = Identities.objectPrefix(set);
    List<JsonNode> objects = build(repo.resolve(RenderEvent.directoryOf(ns, set)));
    Built built = new Built(objects);
    ShopSetDesired.Spec spec = desired.spec();

    assertThat(built.kinds())
        .as("objects of the base, the component and the overlay")
        .contains("Deployment", "Service", "Ingress", "PodDisruptionBudget", "ConfigMap");
    for (JsonNode object : objects) {
      String what = object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
      assertThat(object.at("/metadata/namespace").asText()).as(what).isEqualTo(ns);
      assertThat(object.at("/metadata/name").asText()).as(what).startsWith(prefix);
      assertThat(text(object.at("/metadata/labels")))
          .as("labels of %s", what)
          .containsEntry(Labels.SHOPSET, set)
          .containsEntry(Labels.TIER, desired.tier().name())
          .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    }
    assertThat(built.named("ConfigMap", prefix + "shopset-overrides"))
        .as("local-config source is never applied")
        .isNull();

    JsonNode shops = built.prefixed("ConfigMap", prefix + "shopset-shops-");
    assertThat(text(shops.path("data")))
        .containsEntry("SHOPSET_SHOPS", String.join(",", spec.shops()))
        .containsEntry("SHOPSET_NAME", set)
        .containsEntry("SHOPSET_TIER", desired.tier().name());

    JsonNode deployment = built.named("Deployment", prefix + "shop-web");
    assertThat(text(deployment.at("/spec/selector/matchLabels")))
        .as(
            "selector: the base's plus the ShopSet label, never the tier (a move must not change it)")
        .containsEntry(Labels.SHOPSET, set)
        .containsEntry("app.kubernetes.io/component", "web")
        .doesNotContainKeys(Labels.TIER, Labels.MANAGED_BY);
    assertThat(text(deployment.at("/spec/template/metadata/labels")))
        .containsEntry(Labels.SHOPSET, set);
    assertThat(text(built.named("Service", prefix + "shop-web").at("/spec/selector")))
        .containsEntry(Labels.SHOPSET, set)
        .doesNotContainKeys(Labels.TIER);
    assertThat(
            text(
                built
                    .named("PodDisruptionBudget", prefix + "shop-web")
                    .at("/spec/selector/matchLabels")))
        .containsEntry(Labels.SHOPSET, set);
    assertThat(
            built
                .named("Ingress", prefix + "shop-web")
                .at("/spec/rules/0/http/paths/0/backend/service/name")
                .asText())
        .as("references follow the prefixed names")
        .isEqualTo(prefix + "shop-web");
    assertThat(
            deployment.at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText())
        .as("base's reference follows the hashed shop-list ConfigMap")
        .isEqualTo(shops.at("/metadata/name").asText());
    assertThat(
            deployment
                .at("/spec/template/metadata/annotations/config.shopset.dev~1profile")
                .asText())
        .as("the Configuration's component is applied")
        .isEqualTo("standard");
    List<JsonNode> containers = list(deployment.at("/spec/template/spec/containers"));
    assertThat(containers).hasSize(2);

    if (spec.replicas() != null) {
      assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(spec.replicas());
      assertThat(built.kinds()).doesNotContain("HorizontalPodAutoscaler");
    } else {
      assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
      assertThat(
              built
                  .named("HorizontalPodAutoscaler", prefix + "shop-web")
                  .at("/spec/scaleTargetRef/name")
                  .asText())
          .isEqualTo(prefix + "shop-web");
    }

    for (JsonNode container : containers) {
      String c = "container " + container.path("name").asText();
      Map<String, String> env = env(container);
      if (spec.resources() != null) {
        assertThat(container.at("/resources/requests/cpu").asText())
            .as(c)
            .isEqualTo(spec.resources().requests().cpu());
        assertThat(container.at("/resources/requests/memory").asText())
            .as(c)
            .isEqualTo(spec.resources().requests().memory());
        assertThat(container.at("/resources/limits/cpu").asText())
            .as(c)
            .isEqualTo(spec.resources().limits().cpu());
        assertThat(container.at("/resources/limits/memory").asText())
            .as(c)
            .isEqualTo(spec.resources().limits().memory());
      } else {
        assertThat(container.at("/resources/requests/cpu").asText()).as(c).isIn("100m", "10m");
      }
      if (spec.env() != null) {
        for (ShopSetDesired.EnvVar var : spec.env()) {
          assertThat(env).as(c).containsEntry(var.name(), var.value());
        }
      }
      if (spec.maintenanceOn()) {
        assertThat(env).as(c).containsEntry(Labels.MAINTENANCE_ENV, "true");
      } else {
        assertThat(env).as(c).doesNotContainKey(Labels.MAINTENANCE_ENV);
      }
    }
    assertThat(env(containers.get(0)))
        .as("the base's own env and the component's env survive")
        .containsKeys("SHOP_LOG_LEVEL", "SHOP_CURRENCY", "SHOP_LOCALE");

    Map<String, String> annotations = text(deployment.at("/metadata/annotations"));
    if (spec.maintenanceOn()) {
      assertThat(annotations).containsEntry(Labels.MAINTENANCE, "true");
    } else {
      assertThat(annotations).doesNotContainKey(Labels.MAINTENANCE);
    }
    String channel = desired.annotations().get(Labels.SLACK_CHANNEL);
    if (channel != null) {
      assertThat(annotations).containsEntry(Labels.SLACK_CHANNEL, channel);
    } else {
      assertThat(annotations).doesNotContainKey(Labels.SLACK_CHANNEL);
    }

    JsonNode podSpec = deployment.at("/spec/template/spec");
    if (spec.failureDomain() != null && spec.failureDomain().zones() != null) {
      JsonNode term =
          podSpec.at(
              "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                  + "/nodeSelectorTerms/0/matchExpressions/0");
      assertThat(term.path("key").asText()).isEqualTo("topology.kubernetes.io/zone");
      assertThat(list(term.path("values")).stream().map(JsonNode::asText))
          .containsExactlyElementsOf(spec.failureDomain().zones());
      JsonNode spread = podSpec.at("/topologySpreadConstraints/0");
      assertThat(spread.path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
      assertThat(spread.at("/labelSelector/matchLabels/shopset.dev~1shopset").asText())
          .isEqualTo(set);
    } else {
      assertThat(podSpec.has("affinity")).isFalse();
      assertThat(podSpec.has("topologySpreadConstraints")).isFalse();
    }

    assertApplication(desired, name);
  }

  private void assertApplication(ShopSetDesired desired, String name) throws IOException {
    String ns = desired.namespace();
    JsonNode app =
        Golden.YAML.readTree(
            Golden.readExpected(name)
                .get("files/" + RenderEvent.applicationFileOf(ns, desired.name())));
    assertThat(app.at("/metadata/name").asText())
        .isEqualTo(Identities.applicationName(ns, desired.name(), desired.tier().name()));
    assertThat(app.at("/spec/project").asText())
        .isEqualTo(Identities.projectName(desired.tier().name()));
    assertThat(app.at("/spec/source/path").asText())
        .isEqualTo(RenderEvent.directoryOf(ns, desired.name()));
    assertThat(app.at("/spec/source/targetRevision").asText()).isEqualTo(desired.tier().branch());
    assertThat(app.at("/spec/destination/namespace").asText()).isEqualTo(ns);
    if (desired.spec().suspended()) {
      assertThat(app.at("/spec/syncPolicy").has("automated")).as("suspended").isFalse();
    } else {
      assertThat(app.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
      assertThat(app.at("/spec/syncPolicy/automated/selfHeal").asBoolean()).isTrue();
    }
    ShopSetDesired.FailureDomain domain = desired.spec().failureDomain();
    if (domain != null && domain.cluster() != null) {
      assertThat(app.at("/spec/destination/name").asText()).isEqualTo(domain.cluster());
    } else {
      assertThat(app.at("/spec/destination/server").asText())
          .isEqualTo("https://kubernetes.default.svc");
    }
  }

  /**
   * base/<appPath> and config/<namespace>/<name>/<configPath> from examples/ for every ShopSet of
   * the case, plus the expected files.
   */
  private void layOut(String name) throws IOException {
    for (var event : Golden.inputs(name)) {
      layOutSources(repo, (ShopSetDesired) event);
    }
    for (Map.Entry<String, String> file : Golden.readExpected(name).entrySet()) {
      if (file.getKey().startsWith("files/")) {
        Path target = repo.resolve(file.getKey().substring("files/".length()));
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    }
  }

  /** The submodules {@code desired} refers to, filled from examples/ (once per path). */
  static void layOutSources(Path repo, ShopSetDesired desired) throws IOException {
    Path base = repo.resolve("base").resolve(path(desired.tier().appRepository().path()));
    if (!Files.exists(base)) {
      copy(EXAMPLES.resolve("app"), base);
    }
    Path config =
        repo.resolve(
                RenderEvent.configSubmoduleOf(desired.namespace(), desired.configuration().name()))
            .resolve(path(desired.configuration().repository().path()));
    if (!Files.exists(config)) {
      copy(EXAMPLES.resolve("config"), config);
    }
  }

  private static String path(String path) {
    return path == null ? "" : path;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }

  static List<JsonNode> build(Path overlay) throws Exception {
    Process process =
        new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectErrorStream(false)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s: %s", overlay, err).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = Golden.YAML.createParser(out)) {
      Golden.YAML.readValues(parser, JsonNode.class).forEachRemaining(objects::add);
    }
    return objects;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static Map<String, String> text(JsonNode object) {
    Map<String, String> out = new java.util.TreeMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> out = new java.util.TreeMap<>();
    container.path("env").forEach(e -> out.put(e.path("name").asText(), e.path("value").asText()));
    return out;
  }

  /** The built objects, looked up by kind and name. */
  private record Built(List<JsonNode> objects) {
    List<String> kinds() {
      return objects.stream().map(o -> o.path("kind").asText()).toList();
    }

    JsonNode named(String kind, String name) {
      return objects.stream()
          .filter(o -> o.path("kind").asText().equals(kind))
          .filter(o -> o.at("/metadata/name").asText().equals(name))
          .findFirst()
          .orElse(null);
    }

    JsonNode prefixed(String kind, String prefix) {
      return objects.stream()
          .filter(o -> o.path("kind").asText().equals(kind))
          .filter(o -> o.at("/metadata/name").asText().startsWith(prefix))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " named " + prefix + "*"));
    }
  }
}
