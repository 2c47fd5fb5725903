package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builds the overlays with the real {@code kubectl kustomize} and checks what they promise. */
class ClusterManifestsIT {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> SERVICES =
      Set.of("watcher-service", "renderer-service", "git-pusher-service", "notifier-service");

  /** Every service but the watcher, which runs as one replica (two would race). */
  private static final Set<String> SCALABLE =
      Set.of("renderer-service", "git-pusher-service", "notifier-service");

  private static List<JsonNode> production;

  @BeforeAll
  static void build() throws Exception {
    production = kustomize("overlays/production");
  }

  @Test
  void everyServiceHasItsObjects() {
    for (String kind :
        List.of(
            "Deployment", "ServiceAccount", "Service", "PodDisruptionBudget", "NetworkPolicy")) {
      assertThat(names(production, kind)).as(kind).containsAll(SERVICES);
    }
    assertThat(names(production, "HorizontalPodAutoscaler"))
        .containsExactlyInAnyOrderElementsOf(SCALABLE);
    assertThat(names(production, "ServiceMonitor")).containsExactly("shopset");
    assertThat(
            ofKind(production, "ServiceMonitor").getFirst().at("/metadata/labels/release").asText())
        .as("the label kube-prometheus-stack's Prometheus selects ServiceMonitors by, by default")
        .isEqualTo("kube-prometheus-stack");
  }

  /**
   * Uninstalling the services (delete -k k8s/install) must not delete the CRDs and every ShopSet.
   */
  @Test
  void theCrdsAreTheirOwnStep() throws Exception {
    assertThat(names(kustomize("crds"), "CustomResourceDefinition"))
        .containsExactlyInAnyOrder(
            "shopsets.shopset.dev",
            "tiers.shopset.dev",
            "configurations.shopset.dev",
            "promotions.shopset.dev",
            "promotionapprovals.shopset.dev");
    assertThat(ofKind(production, "CustomResourceDefinition")).isEmpty();
  }

  @Test
  void deploymentsAreLockedDownAndProbed() {
    for (JsonNode deployment : ofKind(production, "Deployment")) {
      String name = deployment.at("/metadata/name").asText();
      JsonNode pod = deployment.at("/spec/template/spec");
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
      assertThat(pod.at("/serviceAccountName").asText()).isEqualTo(name);
      for (JsonNode container : pod.get("containers")) {
        assertThat(container.at("/resources/requests/cpu").asText()).as(name).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).as(name).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).as(name).isNotEmpty();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("ALL");
        assertThat(container.at("/startupProbe/httpGet/path").asText())
            .isEqualTo("/q/health/started");
        assertThat(container.at("/livenessProbe/httpGet/path").asText())
            .isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText())
            .isEqualTo("/q/health/ready");
        // every writable path is a volume; the root filesystem is read-only
        assertThat(container.at("/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
      }
    }
  }

  @Test
  void onlyTheWatcherTalksToTheKubernetesApi() {
    List<JsonNode> bindings = new ArrayList<>(ofKind(production, "ClusterRoleBinding"));
    bindings.addAll(ofKind(production, "RoleBinding"));
    Set<String> boundAccounts =
        bindings.stream()
            .flatMap(b -> b.get("subjects").findValuesAsText("name").stream())
            .collect(Collectors.toSet());
    assertThat(boundAccounts).containsExactly("watcher-service");
    for (JsonNode account : ofKind(production, "ServiceAccount")) {
      boolean watcher = account.at("/metadata/name").asText().equals("watcher-service");
      assertThat(account.at("/automountServiceAccountToken").asBoolean()).isEqualTo(watcher);
    }
    JsonNode role =
        ofKind(production, "ClusterRole").stream()
            .filter(r -> r.at("/metadata/name").asText().equals("shopset-watcher"))
            .findFirst()
            .orElseThrow();
    for (JsonNode rule : role.get("rules")) {
      List<String> resources = new ArrayList<>();
      rule.get("resources").forEach(r -> resources.add(r.asText()));
      List<String> ruleVerbs = new ArrayList<>();
      rule.get("verbs").forEach(v -> ruleVerbs.add(v.asText()));
      if (ruleVerbs.stream().anyMatch(v -> !Set.of("get", "list", "watch").contains(v))) {
        // Writes: status subresources, and a patch of the watcher's rollout-memory annotation.
        if (resources.equals(List.of("deployments"))) {
          assertThat(ruleVerbs).as("Deployments are only annotated").containsExactly("patch");
        } else if (ruleVerbs.equals(List.of("create"))) {
          // Approvals and promotions asked for from Slack, as the mapped person (issue 20).
          assertThat(resources).containsExactly("promotions", "promotionapprovals");
        } else {
          assertThat(resources)
              .as("write access only to status")
              .allMatch(r -> r.endsWith("/status"));
        }
      }
      assertThat(ruleVerbs).doesNotContain("*", "delete");
    }
  }

  @Test
  void kafkaTopicsAreExactlyTheContractsTopics() {
    Map<String, String> topics = new TreeMap<>();
    Map<String, Integer> partitions = new TreeMap<>();
    for (JsonNode topic : ofKind(production, "KafkaTopic")) {
      String name = topic.at("/spec/topicName").asText();
      topics.put(name, topic.at("/spec/config/cleanup.policy").asText());
      partitions.put(name, topic.at("/spec/partitions").asInt());
      assertThat(topic.at("/metadata/namespace").asText()).isEqualTo("kafka");
    }
    Map<String, String> expected = new TreeMap<>();
    Map<String, Integer> expectedPartitions = new TreeMap<>();
    for (Topics.Topic topic : Topics.ALL) {
      expected.put(topic.name(), topic.cleanup().policy());
      expectedPartitions.put(topic.name(), topic.partitions());
    }
    assertThat(topics).isEqualTo(expected);
    assertThat(partitions).isEqualTo(expectedPartitions);
  }

  /**
   * A variable a Deployment sets that its service does not read is a setting silently lost (the
   * notifier once got SHOPSET_SLACK_TOKEN and would have run without Slack).
   */
  @Test
  void everyVariableADeploymentSetsIsOneItsServiceReads() throws IOException {
    Set<String> everyService = Set.of("KAFKA_BOOTSTRAP_SERVERS", "JAVA_TOOL_OPTIONS");
    for (JsonNode deployment : ofKind(production, "Deployment")) {
      String service = deployment.at("/metadata/name").asText();
      String properties =
          Files.readString(Path.of("..", service, "src/main/resources/application.properties"));
      Set<String> read = new java.util.HashSet<>();
      java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+):")
          .matcher(properties)
          .results()
          .forEach(m -> read.add(m.group(1)));
      // Any property, given as a variable the Quarkus way (a %profile. prefix dropped).
      java.util.regex.Pattern.compile(
              "^(?:%[a-z]+\\.)?([a-z][a-z0-9.-]*)=", java.util.regex.Pattern.MULTILINE)
          .matcher(properties)
          .results()
          .forEach(m -> read.add(m.group(1).toUpperCase().replaceAll("[^A-Z0-9]", "_")));
      for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
        for (JsonNode env : container.path("env")) {
          String variable = env.path("name").asText();
          if (!everyService.contains(variable)) {
            assertThat(read).as(service + " reads " + variable).contains(variable);
          }
        }
      }
    }
  }

  /** Slack's Interactivity Request URL reaches the notifier, and nothing else of it is exposed. */
  @Test
  void onlySlacksInteractionPathIsExposedAndItReachesTheNotifier() {
    List<JsonNode> ingresses = ofKind(production, "Ingress");
    assertThat(ingresses)
        .extracting(i -> i.at("/metadata/name").asText())
        .containsExactly("notifier-service");
    List<JsonNode> paths = ingresses.getFirst().findValues("paths");
    assertThat(paths)
        .singleElement()
        .satisfies(p -> {
          assertThat(p).hasSize(1);
          assertThat(p.get(0).path("path").asText()).isEqualTo("/slack/interactions");
          assertThat(p.get(0).path("pathType").asText()).isEqualTo("Exact");
          assertThat(p.get(0).at("/backend/service/name").asText()).isEqualTo("notifier-service");
          assertThat(p.get(0).at("/backend/service/port/name").asText()).isEqualTo("http");
        });
    JsonNode notifier =
        ofKind(production, "Deployment").stream()
            .filter(d -> d.at("/metadata/name").asText().equals("notifier-service"))
            .findFirst()
            .orElseThrow();
    JsonNode container = notifier.at("/spec/template/spec/containers/0");
    JsonNode secret =
        container.findValues("env").getFirst().findParents("name").stream()
            .filter(e -> e.path("name").asText().equals("SLACK_SIGNING_SECRET"))
            .findFirst()
            .orElseThrow()
            .at("/valueFrom/secretKeyRef");
    assertThat(secret.path("name").asText()).isEqualTo("shopset-slack");
    assertThat(secret.path("key").asText()).isEqualTo("signing-secret");
    assertThat(secret.path("optional").asBoolean()).as("no secret: buttons disabled").isTrue();
    assertThat(notifier.at("/spec/template/spec/volumes").findValuesAsText("name"))
        .contains("shopset-notifier-slack-users");
    assertThat(container.at("/volumeMounts").findValuesAsText("mountPath"))
        .contains("/etc/shopset/slack-users");
  }

  @Test
  void noSecretIsCommitted() {
    assertThat(ofKind(production, "Secret")).isEmpty();
  }

  @Test
  void oneRootApplicationPerTierSyncsTheAppsDirectory() {
    List<JsonNode> roots = ofKind(production, "Application");
    assertThat(roots).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode app : roots) {
      assertThat(app.at("/spec/source/path").asText()).isEqualTo("apps");
      assertThat(app.at("/spec/source/targetRevision").asText())
          .isEqualTo(app.at("/metadata/labels/shopset.dev~1tier").asText());
      assertThat(app.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/keda"})
  void kedaOverlayReplacesCpuAutoscalingWithLagScaling(String overlay) throws Exception {
    List<JsonNode> objects = kustomize(overlay);
    assertThat(ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
    assertThat(names(objects, "ScaledObject")).containsExactlyInAnyOrderElementsOf(SCALABLE);
  }

  @Test
  void everyKedaTriggerWatchesAConsumerGroupAndTopicTheScaledServiceConsumes() throws Exception {
    List<JsonNode> scaled = ofKind(kustomize("overlays/keda"), "ScaledObject");
    assertThat(scaled).isNotEmpty();
    for (JsonNode object : scaled) {
      String service = object.at("/spec/scaleTargetRef/name").asText();
      Set<String> consumed = consumedGroupsAndTopics(service);
      for (JsonNode trigger : object.at("/spec/triggers")) {
        String pair =
            trigger.at("/metadata/consumerGroup").asText()
                + " on "
                + trigger.at("/metadata/topic").asText();
        assertThat(consumed).as("KEDA trigger of %s", service).contains(pair);
      }
    }
  }

  /** "group on topic" of every incoming channel in a service's application.properties. */
  private static Set<String> consumedGroupsAndTopics(String service) throws IOException {
    java.util.Properties properties = new java.util.Properties();
    try (var in =
        Files.newBufferedReader(
            Path.of("..", service, "src/main/resources/application.properties"))) {
      properties.load(in);
    }
    String prefix = "mp.messaging.incoming.";
    Set<String> pairs = new java.util.TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(prefix) && key.endsWith(".group.id")) {
        String channel = key.substring(prefix.length(), key.length() - ".group.id".length());
        String topic = properties.getProperty(prefix + channel + ".topic", channel);
        pairs.add(properties.getProperty(key) + " on " + topic);
      }
    }
    return pairs;
  }

  @Test
  void theWatcherRunsActiveStandbyWithALeaseItMayTake() {
    JsonNode watcher =
        ofKind(production, "Deployment").stream()
            .filter(d -> d.at("/metadata/name").asText().equals("watcher-service"))
            .findFirst()
            .orElseThrow();
    assertThat(watcher.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(watcher.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(watcher.at("/spec/template/spec/containers/0/env").findValuesAsText("name"))
        .as("the Lease lives in the pod's namespace")
        .contains("POD_NAMESPACE");
    JsonNode role =
        ofKind(production, "Role").stream()
            .filter(r -> r.at("/metadata/name").asText().equals("shopset-watcher-leader-election"))
            .findFirst()
            .orElseThrow();
    assertThat(role.at("/rules/0/resources/0").asText()).isEqualTo("leases");
    JsonNode budget =
        ofKind(production, "PodDisruptionBudget").stream()
            .filter(d -> d.at("/metadata/name").asText().equals("watcher-service"))
            .findFirst()
            .orElseThrow();
    assertThat(budget.at("/spec/maxUnavailable").asInt())
        .as("a drain evicts one replica at a time; the other leads meanwhile")
        .isEqualTo(1);
  }

  static List<JsonNode> kustomize(String overlay) throws IOException, InterruptedException {
    return kustomize(Path.of("").toAbsolutePath().resolve(overlay));
  }

  static List<JsonNode> kustomize(Path overlay) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s", overlay).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (JsonParser parser =
        new YAMLFactory().createParser(new String(out, StandardCharsets.UTF_8))) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && !node.isEmpty()) {
          objects.add(node);
        }
      }
    }
    return objects;
  }

  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  static List<String> names(List<JsonNode> objects, String kind) {
    return ofKind(objects, kind).stream().map(o -> o.at("/metadata/name").asText()).toList();
  }
}
