package dev.shopset.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The KafkaUsers k8s/ ships, read from their YAML and turned into the ACL bindings Strimzi's User
 * Operator makes from them ({@code authorization: simple}), so a secure stack runs on exactly the
 * shipped ACLs.
 */
final class StrimziUsers {

  /** The services' KafkaUsers, relative to the repository root. */
  static final Path SERVICE_USERS = Path.of("k8s/components/kafka-security/kafka-users.yaml");

  /** The read-only KafkaUser template for teams (placeholder TEAM), relative to the root. */
  static final Path READ_ONLY_TEMPLATE = Path.of("k8s/templates/kafka-user-read-only.yaml");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, String> USER_OF_SERVICE =
      Map.of(
          Stack.WATCHER, "shopset-watcher",
          Stack.RENDERER, "shopset-renderer",
          Stack.PUSHER, "shopset-git-pusher",
          Stack.NOTIFIER, "shopset-notifier");

  private final Map<String, JsonNode> users;

  private StrimziUsers(Map<String, JsonNode> users) {
    this.users = users;
  }

  /** The KafkaUser a service connects as (the kafka-security component's secretKeyRef). */
  static String userOf(String service) {
    String user = USER_OF_SERVICE.get(service);
    if (user == null) {
      throw new IllegalArgumentException("No KafkaUser for " + service);
    }
    return user;
  }

  static StrimziUsers read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The KafkaUsers of a YAML text (e.g. a template with its placeholder replaced). */
  static StrimziUsers parse(String yaml) {
    Map<String, JsonNode> users = new TreeMap<>();
    try (var parser = YAML.createParser(yaml)) {
      var documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && "KafkaUser".equals(document.path("kind").asText())) {
          users.put(document.at("/metadata/name").asText(), document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StrimziUsers(users);
  }

  Set<String> names() {
    return users.keySet();
  }

  /** The ACL bindings of one user, one per operation, as the User Operator writes them. */
  List<AclBinding> aclBindings(String user) {
    JsonNode kafkaUser = users.get(user);
    if (!"simple".equals(kafkaUser.at("/spec/authorization/type").asText())) {
      throw new IllegalStateException(user + " has no simple authorization");
    }
    List<AclBinding> bindings = new ArrayList<>();
    for (JsonNode acl : kafkaUser.at("/spec/authorization/acls")) {
      JsonNode resource = acl.path("resource");
      ResourcePattern pattern =
          new ResourcePattern(
              resourceType(resource.path("type").asText()),
              resource.path("name").asText("kafka-cluster"),
              "prefix".equals(resource.path("patternType").asText("literal"))
                  ? PatternType.PREFIXED
                  : PatternType.LITERAL);
      AclPermissionType permission =
          "deny".equals(acl.path("type").asText("allow"))
              ? AclPermissionType.DENY
              : AclPermissionType.ALLOW;
      for (JsonNode operation : acl.path("operations")) {
        bindings.add(
            new AclBinding(
                pattern,
                new AccessControlEntry(
                    "User:" + user,
                    acl.path("host").asText("*"),
                    operation(operation.asText()),
                    permission)));
      }
    }
    return bindings;
  }

  private static ResourceType resourceType(String strimzi) {
    return switch (strimzi) {
      case "topic" -> ResourceType.TOPIC;
      case "group" -> ResourceType.GROUP;
      case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
      case "cluster" -> ResourceType.CLUSTER;
      default -> throw new IllegalArgumentException("Unknown Strimzi resource type " + strimzi);
    };
  }

  /** Strimzi's "DescribeConfigs" is Kafka's DESCRIBE_CONFIGS. */
  private static AclOperation operation(String strimzi) {
    AclOperation operation =
        AclOperation.fromString(
            strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    if (operation == AclOperation.UNKNOWN) {
      throw new IllegalArgumentException("Unknown Strimzi ACL operation " + strimzi);
    }
    return operation;
  }
}
