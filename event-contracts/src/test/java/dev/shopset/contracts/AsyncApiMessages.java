package dev.shopset.contracts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The messages and header schemas of the AsyncAPI document ({@link AsyncApiDocument}). */
final class AsyncApiMessages {

  private AsyncApiMessages() {}

  /** The message of one event type: CloudEvents headers, the schema file, key, a sample. */
  static ObjectNode event(EventType type) {
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
    kafka.put("bindingVersion", AsyncApiDocument.KAFKA_BINDING);
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

  /** The {@code ce_*} headers every event carries. */
  static ObjectNode cloudEventHeaders() {
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
    header(
            p,
            EventCodec.H_TRACEPARENT,
            "W3C traceparent of the span that sent the event (CloudEvents distributed-tracing"
                + " extension): 00-<trace id>-<span id>-<flags>. Consumers continue the trace from"
                + " it; a malformed one is ignored. Optional.")
        .put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    header(
        p,
        EventCodec.H_TRACESTATE,
        "W3C tracestate travelling with ce_traceparent (vendor state). Optional.");
    schema
        .putArray("required")
        .add(EventCodec.H_SPEC_VERSION)
        .add(EventCodec.H_ID)
        .add(EventCodec.H_SOURCE)
        .add(EventCodec.H_TYPE);
    return schema;
  }

  /** The headers a dead letter carries besides the original ones. */
  static ObjectNode deadLetterHeaders() {
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

  static ObjectNode tombstone(String name) {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", name);
    message.put("title", "Tombstone");
    message.put(
        "summary",
        "A record with the key and no value, after a shopset-deleted: compaction then drops the"
            + " key. Not an event: skip it.");
    message.putObject("payload").put("type", "null");
    return message;
  }

  static ObjectNode deadLetter(String name) {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", name);
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
    kafka.put("bindingVersion", AsyncApiDocument.KAFKA_BINDING);
    return message;
  }

  static ObjectNode notifierMessage(String name) {
    ObjectNode message = EventCodec.json().createObjectNode();
    message.put("name", name);
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
}
