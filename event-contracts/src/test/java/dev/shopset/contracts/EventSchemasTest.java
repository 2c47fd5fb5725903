package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The committed JSON Schemas are what the records generate, and the samples satisfy them. */
class EventSchemasTest {

  @Test
  void committedSchemasAreWhatTheRecordsGenerate() throws Exception {
    Generated.assertCommitted(
        Generated.repositoryRoot().resolve("event-contracts/src/main/resources/schemas"),
        new EventSchemas().all(),
        ".json");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleBodiesAreValid(EventType type) throws Exception {
    var body = EventCodec.json().readTree(EventCodec.body(EventSamples.of(type)));
    assertThat(SchemaValidation.errors(type, body)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void bodiesMissingARequiredFieldAreInvalid(EventType type) throws Exception {
    var body =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            EventCodec.json().readTree(EventCodec.body(EventSamples.of(type)));
    var schema = EventCodec.json().readTree(resource(type));
    String firstRequired = schema.at("/required/0").asText();
    assertThat(firstRequired).as("%s names required fields", type).isNotEmpty();
    body.remove(firstRequired);
    assertThat(SchemaValidation.errors(type, body)).anyMatch(m -> m.contains(firstRequired));
  }

  /**
   * Consumers read what a field means in the schema itself: every property, at any depth, says it
   * (from {@code @JsonPropertyDescription} on the record component).
   */
  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyPropertyHasADescription(EventType type) throws Exception {
    var schema = EventCodec.json().readTree(resource(type));
    List<String> undescribed = new ArrayList<>();
    undescribed(schema, "", undescribed);
    assertThat(schema.path("description").asText()).as("%s description", type).isNotBlank();
    assertThat(undescribed)
        .as(
            "properties of %s without a description; add @JsonPropertyDescription to the record"
                + " component and regenerate",
            type.schemaResource())
        .isEmpty();
  }

  private static void undescribed(JsonNode node, String path, List<String> found) {
    if (node.isObject()) {
      node.path("properties")
          .properties()
          .forEach(p -> {
            if (p.getValue().path("description").asText().isBlank()) {
              found.add(path + "/properties/" + p.getKey());
            }
          });
      node.properties().forEach(p -> undescribed(p.getValue(), path + "/" + p.getKey(), found));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        undescribed(node.get(i), path + "/" + i, found);
      }
    }
  }

  private static InputStream resource(EventType type) {
    return EventSchemasTest.class.getResourceAsStream(type.schemaResource());
  }

  /** Validates a body against the committed schema of its type. */
  static final class SchemaValidation {
    static java.util.List<String> errors(
        EventType type, com.fasterxml.jackson.databind.JsonNode body) throws Exception {
      try (InputStream in = resource(type)) {
        assertThat(in).as("schema %s", type.schemaResource()).isNotNull();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        return schema.validate(body).stream().map(Object::toString).toList();
      }
    }
  }
}
