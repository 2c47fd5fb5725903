package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped KafkaUsers give each service exactly what its configuration and code use (read from
 * the files, so the two cannot drift apart), and the teams' template only reads the public topics.
 */
class KafkaUsersTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Deployment (service module) to the KafkaUser it connects as. */
  static final Map<String, String> USERS =
      Map.of(
          "watcher-service", "shopset-watcher",
          "renderer-service", "shopset-renderer",
          "git-pusher-service", "shopset-git-pusher",
          "notifier-service", "shopset-notifier");

  /**
   * The Kafka clients a service makes itself, outside its SmallRye channels: the class that makes
   * each (the test fails when it moves, so this list is looked at again), the topic and the access.
   */
  private record OwnClient(String service, String source, String topic, String operation) {}

  private static final List<OwnClient> OWN_CLIENTS =
      List.of(
          new OwnClient("watcher-service", "kafka/EventPublisher.java", Topics.DESIRED, "Write"),
          new OwnClient("watcher-service", "kafka/EventPublisher.java", Topics.ROLLOUTS, "Write"),
          new OwnClient("watcher-service", "kafka/EventPublisher.java", Topics.PROMOTIONS, "Write"),
          new OwnClient("watcher-service", "kafka/EventPublisher.java", Topics.APPROVALS, "Write"),
          new OwnClient("watcher-service", "kafka/DesiredTopicReader.java", Topics.DESIRED, "Read"),
          new OwnClient(
              "notifier-service", "kafka/ApprovalActionPublisher.java", Topics.APPROVALS, "Write"),
          new OwnClient("git-pusher-service", "kafka/TierReader.java", Topics.DESIRED, "Read"));

  @Test
  void everyServiceIsAllowedExactlyTheTopicsAndGroupsItUses() throws IOException {
    Map<String, JsonNode> users =
        byName(readAll(MODULE.resolve("components/kafka-security/kafka-users.yaml")));
    assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(USERS.values());
    for (var entry : USERS.entrySet()) {
      String service = entry.getKey();
      JsonNode user = users.get(entry.getValue());
      assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
      assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
      assertThat(allowed(user)).as("ACLs of %s", entry.getValue()).isEqualTo(uses(service));
    }
  }

  @Test
  void noServiceMayWriteATopicAnotherServiceOwns() throws IOException {
    Map<String, JsonNode> users =
        byName(readAll(MODULE.resolve("components/kafka-security/kafka-users.yaml")));
    // The example, and the reason for all of this: promotions move branches.
    assertThat(allowed(users.get("shopset-renderer")))
        .doesNotContainKey("topic:" + Topics.PROMOTIONS);
    assertThat(allowed(users.get("shopset-notifier")).keySet())
        .allSatisfy(resource -> assertThat(resource).doesNotContain(Topics.PROMOTIONS));
  }

  @Test
  void theReadOnlyTemplateReadsThePublicTopicsAndWritesNothing() throws IOException {
    List<JsonNode> template = readAll(MODULE.resolve("templates/kafka-user-read-only.yaml"));
    assertThat(template).hasSize(1);
    JsonNode user = template.getFirst();
    assertThat(user.path("kind").asText()).isEqualTo("KafkaUser");
    assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
    Map<String, Set<String>> allowed = allowed(user);
    Set<String> publicTopics =
        Topics.ALL.stream()
            .map(Topics.Topic::name)
            .filter(t -> !t.endsWith(".dlq") && !t.equals(Topics.NOTIFIER_MESSAGES))
            .map(t -> "topic:" + t)
            .collect(Collectors.toCollection(TreeSet::new));
    Map<String, Set<String>> expected = new TreeMap<>();
    publicTopics.forEach(t -> expected.put(t, Set.of("Describe", "Read")));
    expected.put("group:TEAM-*", Set.of("Read"));
    assertThat(allowed).isEqualTo(expected);
  }

  /** resource ("topic:name", "group:name", a prefix ends in '*') to its operations. */
  static Map<String, Set<String>> allowed(JsonNode user) {
    Map<String, Set<String>> allowed = new TreeMap<>();
    for (JsonNode acl : user.at("/spec/authorization/acls")) {
      assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
      assertThat(acl.path("host").asText("*")).isEqualTo("*");
      JsonNode resource = acl.path("resource");
      String key =
          resource.path("type").asText()
              + ":"
              + resource.path("name").asText()
              + ("prefix".equals(resource.path("patternType").asText("literal")) ? "*" : "");
      for (JsonNode operation : acl.path("operations")) {
        allowed.computeIfAbsent(key, k -> new TreeSet<>()).add(operation.asText());
      }
    }
    return allowed;
  }

  /** What a service's application.properties and its own clients read, write and join. */
  static Map<String, Set<String>> uses(String service) throws IOException {
    Properties properties = new Properties();
    try (var in =
        Files.newInputStream(
            MODULE.resolveSibling(service).resolve("src/main/resources/application.properties"))) {
      properties.load(in);
    }
    Map<String, Set<String>> uses = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key).strip();
      if (key.startsWith("%")) {
        continue; // profiles (tests) do not run in a cluster
      }
      if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
        use(uses, "topic:" + value, "Write");
      } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
        use(uses, "topic:" + value, "Read");
      } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
        uses.computeIfAbsent("group:" + value, k -> new TreeSet<>()).add("Read");
      } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
        use(uses, "topic:" + value, "Write");
      } else if (key.equals("notifier.messages.topic")) {
        // KafkaMessageStore creates its compacted topic when missing, then reads and writes it.
        use(uses, "topic:" + value, "Create");
        use(uses, "topic:" + value, "Read");
        use(uses, "topic:" + value, "Write");
      }
    }
    for (OwnClient client : OWN_CLIENTS) {
      if (client.service().equals(service)) {
        Path source =
            MODULE
                .resolveSibling(service)
                .resolve("src/main/java/dev/shopset")
                .resolve(service.replace("-service", "").replace("-", ""))
                .resolve(client.source());
        assertThat(source).as("the client listed for %s", service).exists();
        use(uses, "topic:" + client.topic(), client.operation());
      }
    }
    return uses;
  }

  /** Reading or writing a topic needs Describe too (metadata); Strimzi lists it explicitly. */
  private static void use(Map<String, Set<String>> uses, String topic, String operation) {
    Set<String> operations = uses.computeIfAbsent(topic, k -> new TreeSet<>());
    operations.add(operation);
    operations.add("Describe");
  }

  static List<JsonNode> readAll(Path file) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = YAML.createParser(file.toFile())) {
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

  private static Map<String, JsonNode> byName(List<JsonNode> objects) {
    Map<String, JsonNode> byName = new TreeMap<>();
    for (JsonNode object : objects) {
      assertThat(object.path("kind").asText()).isEqualTo("KafkaUser");
      byName.put(object.at("/metadata/name").asText(), object);
    }
    return byName;
  }
}
