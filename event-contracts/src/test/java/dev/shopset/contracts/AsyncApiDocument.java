package dev.shopset.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Generates the AsyncAPI 3.0 document of ShopSet's topics from {@link Topics}, {@link EventType}
 * and the records' JSON Schemas (referenced as the committed files beside it, so it resolves
 * offline and inside the jar), plus who sends and receives what ({@link ServiceRoles}).
 */
final class AsyncApiDocument {

  /** Where the document is, in the repository and in the jar (next to {@code schemas/}). */
  static final String FILE = "asyncapi.yaml";

  static final String SPEC_VERSION = "3.0.0";
  private static final String KAFKA_BINDING = "0.5.0";
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
    schemas.set("CloudEventHeaders", cloudEventHeaders());
    schemas.set("DeadLetterHeaders", deadLetterHeaders());
    ObjectNode messages = components.putObject("messages");
    for (EventType type : EventType.values()) {
      messages.set(type.type(), message(type));
    }
    messages.set(TOMBSTONE, tombstone());
    messages.set(DEAD_LETTER, deadLetter());
    messages.set(INTERNAL, notifierMessage());
  }

  private ObjectNode message(EventType type) {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", type.type());
    message.put("title", type.recordClass().getSimpleName());
    message.put("summary", EventSchemas.description(type));
    message.put("contentType", EventCodec.CONTENT_TYPE);
    ObjectNode headers = message.putObject("headers");
    ArrayNode allOf = headers.putArray("allOf");
    allOf.addObject().put("$ref", "#/components/schemas/CloudEventHeaders");
    ObjectNode own = allOf.addObject();
    own.put("type", "object");
    ObjectNode properties = own.putObject("properties");
    properties.putObject(EventCodec.H_TYPE).put("const", type.type());
    ObjectNode source = properties.putObject(EventCodec.H_SOURCE);
    source.put("type", "string");
    source.putArray("examples").add(ServiceRoles.source(type));
    properties.putObject(EventCodec.H_DATA_SCHEMA).put("const", type.schemaUri());
    ObjectNode payload = message.putObject("payload");
    payload.put("$ref", "schemas/" + type.type() + ".json");
    ObjectNode kafka = message.putObject("bindings").putObject("kafka");
    ObjectNode key = kafka.putObject("key");
    key.put("type", "string");
    key.put("description", "The record key, " + topicOf(type).key() + ": it decides ordering.");
    kafka.put("bindingVersion", KAFKA_BINDING);
    message.putArray("examples").add(example(type));
    return message;
  }

  private static ObjectNode example(EventType type) {
    CloudEvent<?> event =
        CloudEvent.of(ServiceRoles.source(type), EventSamples.of(type), EventSamples.T0);
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    ObjectNode example = EventCodec.json().createObjectNode();
    example.put("name", "sample");
    example.put("summary", "Key: " + event.key());
    ObjectNode values = example.putObject("headers");
    for (Header header : headers) {
      values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    try {
      example.set("payload", EventCodec.json().readTree(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return example;
  }

  private static ObjectNode cloudEventHeaders() {
    ObjectNode schema = EventCodec.json().createObjectNode();
    schema.put("type", "object");
    schema.put(
        "description",
        "CloudEvents 1.0 attributes in Kafka binary mode: one header each, UTF-8 text.");
    ObjectNode p = schema.putObject("properties");
    header(p, EventCodec.H_SPEC_VERSION, "The CloudEvents version.").put("const", "1.0");
    header(
        p,
        EventCodec.H_ID,
        "32 hex digits derived from type, subject and body: a repeat of the same content has"
            + " the same id, so a consumer can tell a repeat from a change.");
    header(
        p,
        EventCodec.H_SOURCE,
        "The producing service: /shopset/watcher, /shopset/renderer or /shopset/git-pusher.");
    header(
        p,
        EventCodec.H_TYPE,
        "dev.shopset.<name>.v<version>: says which JSON Schema the body follows.");
    header(
        p,
        EventCodec.H_SUBJECT,
        "What the event is about: namespace/name, repository#branch or a Promotion's name."
            + " Optional.");
    header(p, EventCodec.H_TIME, "When it was produced (RFC 3339). Optional.")
        .put("format", "date-time");
    header(
            p,
            EventCodec.H_DATA_SCHEMA,
            "The $id of the body's JSON Schema (a name: the file is schemas/<ce_type>.json in"
                + " the event-contracts jar and repository). Optional.")
        .put("format", "uri");
    header(p, EventCodec.H_CONTENT_TYPE, "The body's media type.")
        .put("const", EventCodec.CONTENT_TYPE);
    schema
        .putArray("required")
        .add(EventCodec.H_SPEC_VERSION)
        .add(EventCodec.H_ID)
        .add(EventCodec.H_SOURCE)
        .add(EventCodec.H_TYPE);
    return schema;
  }

  private static ObjectNode deadLetterHeaders() {
    ObjectNode schema = EventCodec.json().createObjectNode();
    schema.put("type", "object");
    schema.put(
        "description",
        "The original record's headers (its ce_* attributes when it had them), plus why it is"
            + " here.");
    ObjectNode p = schema.putObject("properties");
    header(p, Topics.DEAD_LETTER_REASON, "Why the consumer could not process the record.");
    header(p, "dead-letter-cause", "The underlying error, when there is one.");
    header(p, "dead-letter-exception-class-name", "The Java class of the error.");
    header(p, "dead-letter-cause-class-name", "The Java class of its cause, when there is one.");
    header(
        p,
        "dead-letter-problem",
        "A word a machine can match: a decoding problem (UNKNOWN_TYPE, INVALID_BODY, ...) or a"
            + " refusal reason (InvalidDesiredState, RenderTooLarge, ...). Renderer only.");
    header(p, "dead-letter-topic", "The topic the record came from.");
    header(p, "dead-letter-partition", "Its partition, as decimal text.");
    header(p, "dead-letter-offset", "Its offset, as decimal text.");
    header(
        p,
        "dead-letter-value-omitted",
        "Present when the original value was left out because it would not fit in a record:"
            + " its size and the limit.");
    schema.putArray("required").add(Topics.DEAD_LETTER_REASON);
    return schema;
  }

  private static ObjectNode header(ObjectNode properties, String name, String description) {
    ObjectNode header = properties.putObject(name);
    header.put("type", "string");
    header.put("description", description);
    return header;
  }

  private static ObjectNode tombstone() {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", TOMBSTONE);
    message.put("title", "Tombstone");
    message.put(
        "summary",
        "A record with the key and no value, after a shopset-deleted: compaction then drops the"
            + " key. Not an event: skip it.");
    message.putObject("payload").put("type", "null");
    return message;
  }

  private static ObjectNode deadLetter() {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", DEAD_LETTER);
    message.put("title", "Dead letter");
    message.put(
        "summary",
        "A record of the topic before .dlq that its consumer could not process, unchanged (same"
            + " key, value and headers), with the reason added.");
    message.put(
        "description",
        "The value is usually one of the original topic's messages, but need not be readable:"
            + " that may be why it is here. It is absent when dead-letter-value-omitted is set."
            + " Read dead-letter topics with a byte-array deserializer.");
    message.putObject("headers").put("$ref", "#/components/schemas/DeadLetterHeaders");
    message
        .putObject("payload")
        .put("description", "The original record's value, byte for byte (or none).");
    ObjectNode kafka = message.putObject("bindings").putObject("kafka");
    kafka
        .putObject("key")
        .put("type", "string")
        .put("description", "The original record's key, unchanged.");
    kafka.put("bindingVersion", KAFKA_BINDING);
    return message;
  }

  private static ObjectNode notifierMessage() {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", INTERNAL);
    message.put("title", "Notifier memory");
    message.put(
        "summary",
        "The notifier's own record of the Slack messages it posted per rollout, keyed by"
            + " rollout id. Internal: not part of the contract, may change without notice.");
    message.putObject("payload").put("type", "object");
    return message;
  }

  private static Topics.Topic topicOf(EventType type) {
    return Topics.ALL.stream().filter(t -> t.name().equals(type.topic())).findFirst().orElseThrow();
  }

  /** The committed document, parsed. */
  static JsonNode read(String yaml) throws IOException {
    return YAML.readTree(yaml);
  }
}
