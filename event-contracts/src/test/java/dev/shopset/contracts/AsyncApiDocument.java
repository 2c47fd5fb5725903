package dev.shopset.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the AsyncAPI 3.0 document of ShopSet's topics from {@link Topics}, {@link EventType}
 * and the records' JSON Schemas (referenced as the committed files beside it, so it resolves
 * offline and inside the jar), plus who sends and receives what ({@link ServiceRoles}).
 */
final class AsyncApiDocument {

  /** Where the document is, in the repository and in the jar (next to {@code schemas/}). */
  static final String FILE = "asyncapi.yaml";

  static final String SPEC_VERSION = "3.0.0";
  static final String KAFKA_BINDING = "0.5.0";
  private static final String SERVER = "cluster";
  private static final String DEAD_LETTER = "dead-letter";
  private static final String TOMBSTONE = "tombstone";
  private static final String INTERNAL = "notifier-message";

  static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              // Every string quoted: no YAML reader takes "1.0" for a number or a time for a date.
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private final String version;
  private final ObjectNode root = EventCodec.json().createObjectNode();

  AsyncApiDocument(String version) {
    this.version = version;
  }

  /** The document as YAML text. */
  String yaml() throws IOException {
    return YAML.writeValueAsString(tree());
  }

  /** The document as a tree. */
  ObjectNode tree() {
    root.removeAll();
    root.put("asyncapi", SPEC_VERSION);
    info();
    root.put("defaultContentType", EventCodec.CONTENT_TYPE);
    servers();
    ObjectNode channels = root.putObject("channels");
    ObjectNode operations = root.putObject("operations");
    for (Topics.Topic topic : Topics.ALL) {
      channels.set(topic.name(), channel(topic));
    }
    for (Topics.Topic topic : Topics.ALL) {
      operations(topic, operations);
    }
    components();
    return root;
  }

  private void info() {
    ObjectNode info = root.putObject("info");
    info.put("title", "ShopSet events");
    info.put("version", version);
    info.put(
        "description",
        """
        Every change ShopSet makes travels through these Kafka topics: a public, versioned \
        contract for audit, dashboards and billing.

        Every record is a CloudEvents 1.0 event in Kafka binary mode: the attributes are \
        `ce_*` headers (UTF-8), the value is the event's JSON body, described by the JSON \
        Schema of its `ce_type` (files under `schemas/`, beside this document in the \
        repository and in the `dev.shopset:event-contracts` jar; their `$id` URLs are names, \
        not addresses). Ignore properties you do not know, and skip `ce_type`s you do not \
        know: new optional fields and new types are added without notice, a change of \
        meaning is published as a new `ce_type` version beside the old one.

        Delivery is at least once: a repeat carries the same `ce_id`. The largest record is \
        the topics' `max.message.bytes` (Kafka's default, 1 MiB); the renderer refuses \
        renders over 900 KiB rather than sending them. A record a ShopSet service cannot \
        process goes, unchanged, to the topic's dead-letter topic (`<topic>.dlq`) with the \
        reason in the `dead-letter-reason` header.

        The guide for consumers is event-contracts/docs/events.md in the ShopSet repository.
        """);
  }

  private void servers() {
    ObjectNode server = root.putObject("servers").putObject(SERVER);
    server.put("host", "my-cluster-kafka-bootstrap.kafka:9092");
    server.put("protocol", "kafka");
    server.put(
        "description",
        "The Kafka cluster of an install (Strimzi's bootstrap service by default; the install's"
            + " KAFKA_BOOTSTRAP_SERVERS in k8s/install/params.env says which). The local run"
            + " (`./shopset run`) prints its own broker's address.");
  }

  private ObjectNode channel(Topics.Topic topic) {
    ObjectNode channel = EventCodec.json().createObjectNode();
    channel.put("address", topic.name());
    channel.put("title", topic.name());
    channel.put("description", ServiceRoles.channelDescription(topic));
    channel.putArray("servers").addObject().put("$ref", "#/servers/" + SERVER);
    ObjectNode messages = channel.putObject("messages");
    for (String id : messageIds(topic)) {
      messages.putObject(id).put("$ref", "#/components/messages/" + id);
    }
    ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
    kafka.put("topic", topic.name());
    kafka.put("partitions", topic.partitions());
    ObjectNode config = kafka.putObject("topicConfiguration");
    config.putArray("cleanup.policy").add(topic.cleanup().policy());
    topic
        .config()
        .forEach((key, value) -> {
          if (!key.equals("cleanup.policy")) {
            config.put(key, Long.parseLong(value));
          }
        });
    config.put("max.message.bytes", Topics.MAX_MESSAGE_BYTES);
    kafka.put("bindingVersion", KAFKA_BINDING);
    if (topic.name().equals(Topics.NOTIFIER_MESSAGES)) {
      channel.put("x-shopset-internal", true);
    }
    return channel;
  }

  /** The message ids a topic carries, in a fixed order. */
  private static List<String> messageIds(Topics.Topic topic) {
    List<String> ids = new ArrayList<>();
    if (topic.deadLetter()) {
      ids.add(DEAD_LETTER);
    } else if (topic.name().equals(Topics.NOTIFIER_MESSAGES)) {
      ids.add(INTERNAL);
    } else {
      for (EventType type : EventType.values()) {
        if (type.topic().equals(topic.name())) {
          ids.add(type.type());
        }
      }
      if (topic.cleanup() == Topics.Cleanup.COMPACT) {
        ids.add(TOMBSTONE);
      }
    }
    return ids;
  }

  private void operations(Topics.Topic topic, ObjectNode operations) {
    Map<String, List<String>> sent = new LinkedHashMap<>();
    for (String id : messageIds(topic)) {
      for (String service : ServiceRoles.senders(topic, id)) {
        sent.computeIfAbsent(service, s -> new ArrayList<>()).add(id);
      }
    }
    sent.forEach((service, ids) -> {
      ObjectNode operation = operations.putObject(service + ".send." + topic.name());
      operation.put("action", "send");
      operation.putObject("channel").put("$ref", "#/channels/" + topic.name());
      operation.put("title", service + " sends to " + topic.name());
      ArrayNode messages = operation.putArray("messages");
      for (String id : ids) {
        messages.addObject().put("$ref", "#/channels/" + topic.name() + "/messages/" + id);
      }
    });
    for (ServiceRoles.Receiver receiver : ServiceRoles.receivers(topic)) {
      ObjectNode operation = operations.putObject(receiver.service() + ".receive." + topic.name());
      operation.put("action", "receive");
      operation.putObject("channel").put("$ref", "#/channels/" + topic.name());
      operation.put("title", receiver.service() + " reads " + topic.name());
      operation.put("description", receiver.how());
      if (receiver.group() != null) {
        ObjectNode kafka = operation.putObject("bindings").putObject("kafka");
        ObjectNode group = kafka.putObject("groupId");
        group.put("type", "string");
        group.putArray("enum").add(receiver.group());
        kafka.put("bindingVersion", KAFKA_BINDING);
      }
    }
  }

  private void components() {
    ObjectNode components = root.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    schemas.set("CloudEventHeaders", AsyncApiMessages.cloudEventHeaders());
    schemas.set("DeadLetterHeaders", AsyncApiMessages.deadLetterHeaders());
    ObjectNode messages = components.putObject("messages");
    for (EventType type : EventType.values()) {
      messages.set(type.type(), AsyncApiMessages.event(type));
    }
    messages.set(TOMBSTONE, AsyncApiMessages.tombstone(TOMBSTONE));
    messages.set(DEAD_LETTER, AsyncApiMessages.deadLetter(DEAD_LETTER));
    messages.set(INTERNAL, AsyncApiMessages.notifierMessage(INTERNAL));
  }

  /** The committed document, parsed. */
  static JsonNode read(String yaml) throws IOException {
    return YAML.readTree(yaml);
  }
}
