package dev.shopset.k8s;

import static dev.shopset.k8s.ClusterManifestsIT.kustomize;
import static dev.shopset.k8s.ClusterManifestsIT.names;
import static dev.shopset.k8s.ClusterManifestsIT.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/install, built with {@code kubectl kustomize} from a copy whose params.env and secrets a user
 * has filled in: every setting lands where it is used, and nothing else is edited.
 */
class InstallOverlayIT {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, String> SETTINGS =
      Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", "prod-kafka-kafka-bootstrap.streaming:9093",
          "STRIMZI_CLUSTER", "prod-kafka",
          "KAFKA_NAMESPACE", "streaming",
          "IMAGE_REGISTRY", "registry.internal:5000/platform/shopset",
          "IMAGE_TAG", "1.4.2",
          "SYSTEM_REPOSITORY", "https://git.internal/platform/system.git",
          "TIER_0", "staging",
          "TIER_1", "live",
          "PROMETHEUS_RELEASE", "monitoring");

  @Test
  void everySettingOfParamsEnvLandsWhereItIsUsed(@TempDir Path dir) throws Exception {
    Path install = userCopy(dir, SETTINGS, false);
    List<JsonNode> objects = kustomize(install);

    for (JsonNode deployment : ofKind(objects, "Deployment")) {
      String service = deployment.at("/metadata/name").asText();
      assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
          .isEqualTo("registry.internal:5000/platform/shopset/" + service + ":1.4.2");
    }
    for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
      assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("prod-kafka");
      assertThat(topic.at("/metadata/namespace").asText()).isEqualTo("streaming");
    }
    for (JsonNode app : ofKind(objects, "Application")) {
      assertThat(app.at("/spec/source/repoURL").asText())
          .isEqualTo("https://git.internal/platform/system.git");
    }
    assertThat(
            ofKind(objects, "Application").stream()
                .map(a -> a.at("/spec/source/targetRevision").asText()))
        .containsExactly("staging", "live");
    assertThat(ofKind(objects, "ServiceMonitor").getFirst().at("/metadata/labels/release").asText())
        .isEqualTo("monitoring");

    JsonNode settings =
        ofKind(objects, "ConfigMap").stream()
            .filter(c -> c.at("/metadata/name").asText().startsWith("shopset-settings-"))
            .findFirst()
            .orElseThrow();
    assertThat(settings.at("/metadata/namespace").asText()).isEqualTo("shopset");
    assertThat(settings.at("/data/KAFKA_BOOTSTRAP_SERVERS").asText())
        .isEqualTo("prod-kafka-kafka-bootstrap.streaming:9093");
    String configMap = settings.at("/metadata/name").asText();
    for (JsonNode deployment : ofKind(objects, "Deployment")) {
      assertThat(deployment.findValues("configMapKeyRef"))
          .allMatch(ref -> ref.get("name").asText().equals(configMap));
    }
  }

  @Test
  void tracingExportsNothingUntilACollectorIsNamed(@TempDir Path dir) throws Exception {
    List<JsonNode> shipped = kustomize(userCopy(dir.resolve("shipped"), Map.of(), false));
    JsonNode settings = settings(shipped);
    assertThat(settings.at("/data/TRACES_SAMPLE_RATIO").asText()).isEqualTo("0");
    assertThat(settings.at("/data").has("OTLP_ENDPOINT"))
        .as("no collector is named until a user names one")
        .isFalse();
    for (JsonNode deployment : ofKind(shipped, "Deployment")) {
      Map<String, JsonNode> env = environment(deployment);
      assertThat(env.get("OTEL_TRACES_SAMPLER_ARG").at("/valueFrom/configMapKeyRef/key").asText())
          .as(deployment.at("/metadata/name").asText())
          .isEqualTo("TRACES_SAMPLE_RATIO");
      JsonNode endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT").at("/valueFrom/configMapKeyRef");
      assertThat(endpoint.get("key").asText()).isEqualTo("OTLP_ENDPOINT");
      assertThat(endpoint.get("optional").asBoolean())
          .as("a Deployment starts without the key, with the variable unset")
          .isTrue();
    }

    List<JsonNode> traced =
        kustomize(
            userCopy(
                dir.resolve("traced"),
                Map.of(
                    "OTLP_ENDPOINT", "http://otel-collector.observability:4317",
                    "TRACES_SAMPLE_RATIO", "1"),
                false));
    JsonNode tracedSettings = settings(traced);
    assertThat(tracedSettings.at("/data/OTLP_ENDPOINT").asText())
        .isEqualTo("http://otel-collector.observability:4317");
    assertThat(tracedSettings.at("/data/TRACES_SAMPLE_RATIO").asText()).isEqualTo("1");
  }

  /** The ConfigMap generated from params.env (its name has a hash suffix). */
  private static JsonNode settings(List<JsonNode> objects) {
    return ofKind(objects, "ConfigMap").stream()
        .filter(c -> c.at("/metadata/name").asText().startsWith("shopset-settings"))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, JsonNode> environment(JsonNode deployment) {
    Map<String, JsonNode> env = new HashMap<>();
    deployment
        .at("/spec/template/spec/containers/0/env")
        .forEach(variable -> env.put(variable.get("name").asText(), variable));
    return env;
  }

  @Test
  void secretsComeFromTheFilesKeptOutOfGitAndAreReferencedByTheirGeneratedNames(@TempDir Path dir)
      throws Exception {
    Path install = userCopy(dir, Map.of(), false);
    List<JsonNode> objects = kustomize(install);
    Map<String, String> secrets = new HashMap<>();
    for (JsonNode secret : ofKind(objects, "Secret")) {
      assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("shopset");
      String name = secret.at("/metadata/name").asText();
      secrets.put(name.substring(0, name.lastIndexOf('-')), name);
    }
    assertThat(secrets)
        .containsOnlyKeys("shopset-slack", "shopset-webhook-secret", "shopset-git-credentials");
    List<String> referenced = new ArrayList<>();
    for (JsonNode deployment : ofKind(objects, "Deployment")) {
      deployment
          .findValues("secretKeyRef")
          .forEach(ref -> referenced.add(ref.get("name").asText()));
      deployment.findValuesAsText("secretName").forEach(referenced::add);
    }
    // The notifier takes two keys of shopset-slack (token, signing-secret).
    assertThat(new java.util.TreeSet<>(referenced))
        .containsExactlyInAnyOrderElementsOf(secrets.values());
    List<String> slackUsers =
        names(objects, "ConfigMap").stream()
            .filter(n -> n.startsWith("shopset-notifier-slack-users-"))
            .toList();
    assertThat(slackUsers).as("the Slack user mapping, from install/slack-users.txt").hasSize(1);
    assertThat(
            ofKind(objects, "Deployment").stream()
                .flatMap(d -> d.findValuesAsText("name").stream())
                .toList())
        .as("mounted by its generated name")
        .contains(slackUsers.getFirst());
    assertThat(Files.readString(MODULE.resolve("install/secrets/.gitignore")))
        .as("the secret files are never committed")
        .startsWith("*\n");
  }

  @Test
  void withKedaTheScaledObjectsUseTheKafkaOfParamsEnv(@TempDir Path dir) throws Exception {
    Path install = userCopy(dir, SETTINGS, true);
    List<JsonNode> objects = kustomize(install);
    assertThat(ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
    assertThat(names(objects, "ScaledObject"))
        .containsExactlyInAnyOrder("renderer-service", "git-pusher-service", "notifier-service");
    for (JsonNode scaled : ofKind(objects, "ScaledObject")) {
      assertThat(scaled.at("/spec/triggers").findValuesAsText("bootstrapServers"))
          .containsOnly("prod-kafka-kafka-bootstrap.streaming:9093");
    }
  }

  @Test
  void withMonitoringTheRulesCarryThePrometheusReleaseAndTheDashboardIsForGrafana(@TempDir Path dir)
      throws Exception {
    Path install = userCopy(dir, SETTINGS, false);
    Path kustomization = install.resolve("kustomization.yaml");
    String text = Files.readString(kustomization);
    assertThat(text).contains("  # - ../monitoring\n");
    Files.writeString(kustomization, text.replace("  # - ../monitoring\n", "  - ../monitoring\n"));
    List<JsonNode> objects = kustomize(install);
    assertThat(names(objects, "PrometheusRule")).containsExactly("shopset");
    JsonNode rule = ofKind(objects, "PrometheusRule").getFirst();
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("monitoring");
    assertThat(rule.at("/metadata/namespace").asText()).isEqualTo("shopset");
    assertThat(ofKind(objects, "ServiceMonitor").getFirst().at("/metadata/labels/release").asText())
        .isEqualTo("monitoring");
    JsonNode dashboard =
        ofKind(objects, "ConfigMap").stream()
            .filter(c -> c.at("/metadata/name").asText().equals("shopset-dashboard"))
            .findFirst()
            .orElseThrow();
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(dashboard.at("/data/shopset.json").asText()).contains("\"uid\": \"shopset\"");

    List<JsonNode> without = kustomize(userCopy(dir.resolve("plain"), SETTINGS, false));
    assertThat(ofKind(without, "PrometheusRule")).as("monitoring is optional").isEmpty();
  }

  /** KEDA scales on the lag of a consumer group: the wrong name scales on nothing. */
  @Test
  void kedaScalesOnTheConsumerGroupsTheServicesReallyUse() throws IOException {
    List<JsonNode> scaledObjects = new ArrayList<>();
    YAML.readValues(
            YAML.createParser(MODULE.resolve("components/keda/scaledobjects.yaml").toFile()),
            JsonNode.class)
        .forEachRemaining(scaledObjects::add);
    assertThat(scaledObjects).isNotEmpty();
    for (JsonNode scaled : scaledObjects) {
      String service = scaled.at("/spec/scaleTargetRef/name").asText();
      Map<String, String> groupByTopic = consumerGroupsByTopic(service);
      for (JsonNode trigger : scaled.at("/spec/triggers")) {
        String topic = trigger.at("/metadata/topic").asText();
        assertThat(groupByTopic)
            .as("%s consumes %s in group", service, topic)
            .containsEntry(topic, trigger.at("/metadata/consumerGroup").asText());
      }
    }
  }

  /** topic -> group.id of every incoming channel in the service's application.properties. */
  private static Map<String, String> consumerGroupsByTopic(String service) throws IOException {
    Properties properties = new Properties();
    try (var in =
        Files.newInputStream(
            MODULE.resolveSibling(service).resolve("src/main/resources/application.properties"))) {
      properties.load(in);
    }
    Set<String> channels = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
        channels.add(key.substring(0, key.length() - ".topic".length()));
      }
    }
    Map<String, String> groups = new LinkedHashMap<>();
    for (String channel : channels) {
      groups.put(
          properties.getProperty(channel + ".topic"),
          properties.getProperty(channel + ".group.id"));
    }
    return groups;
  }

  /**
   * A copy of k8s/ as a user leaves it: {@code changes} made to params.env, the three secret files
   * written, and the KEDA component switched on when asked.
   */
  static Path userCopy(Path dir, Map<String, String> changes, boolean keda) throws IOException {
    Path install = copyOfK8s(dir).resolve("install");
    Path params = install.resolve("params.env");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(params)) {
      // A setting shipped commented out ("# KEY=example") is one a user may uncomment.
      String setting =
          line.startsWith("# ") && line.matches("# [A-Z0-9_]+=.*") ? line.substring(2) : line;
      String key = setting.contains("=") ? setting.substring(0, setting.indexOf('=')) : "";
      lines.add(changes.containsKey(key) ? key + "=" + changes.get(key) : line);
    }
    Files.write(params, lines);
    Files.writeString(install.resolve("secrets/slack.env"), "token=xoxb-1-2-3\n");
    Files.writeString(install.resolve("secrets/webhook.env"), "secret=abc\n");
    Files.writeString(
        install.resolve("secrets/git-credentials.env"),
        "git.internal.username=shopset\ngit.internal.token=t\n");
    if (keda) {
      Path kustomization = install.resolve("kustomization.yaml");
      Files.writeString(
          kustomization,
          Files.readString(kustomization)
              .replace("# components:", "components:")
              .replace("#   - ../components/keda", "  - ../components/keda"));
    }
    return install;
  }

  /** {@code dir/k8s}: the manifests as in a fresh clone (no secret files, no build output). */
  static Path copyOfK8s(Path dir) throws IOException {
    Path copy = dir.resolve("k8s");
    try (Stream<Path> files = Files.walk(MODULE)) {
      for (Path file : files.toList()) {
        Path relative = MODULE.relativize(file);
        if (relative.startsWith("target") || relative.startsWith("src")) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!relative.startsWith("install/secrets") || relative.endsWith(".gitignore")) {
          Files.copy(file, target);
        }
      }
    }
    return copy;
  }
}
