package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopset.contracts.SchemaCompatibility.Break;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of breaking change is caught, and additive changes pass (crafted schema pairs). */
class SchemaCompatibilityTest {

  private static final String TYPE = "dev.shopset.example.v1";

  /** The released schema every case starts from. */
  private static final String RELEASED =
      """
      {
        "$defs": {"Repository": {"type": "object",
          "properties": {"url": {"type": "string"}, "path": {"type": "string"}},
          "required": ["url"]}},
        "type": "object",
        "properties": {
          "name": {"type": "string", "description": "The name."},
          "generation": {"type": "integer"},
          "at": {"type": "string", "format": "date-time"},
          "outcome": {"type": "string", "enum": ["SUCCEEDED", "FAILED"]},
          "repository": {"$ref": "#/$defs/Repository"},
          "shops": {"type": "array", "items": {"type": "string"}},
          "files": {"type": "object", "additionalProperties": {"type": "string"}}
        },
        "required": ["name", "generation"]
      }
      """;

  @Test
  void theSameSchemaPasses() {
    assertThat(breaks(RELEASED)).isEmpty();
  }

  @Test
  void aNewOptionalFieldPasses() {
    assertThat(breaks(edit("/properties", "{\"maxShops\": {\"type\": \"integer\"}}"))).isEmpty();
  }

  @Test
  void aNewOptionalFieldInANestedRecordPasses() {
    assertThat(breaks(edit("/$defs/Repository/properties", "{\"ref\": {\"type\": \"string\"}}")))
        .isEmpty();
  }

  @Test
  void newDescriptionsAndAnotherLayoutOfDefsPass() {
    String inlined =
        RELEASED
            .replace("\"$ref\": \"#/$defs/Repository\"", INLINE_REPOSITORY)
            .replace("\"description\": \"The name.\"", "\"description\": \"Its name, reworded.\"");
    assertThat(breaks(inlined)).isEmpty();
  }

  @Test
  void aNewTypePasses() {
    assertThat(
            SchemaCompatibility.breaks(
                "0.1.0",
                Map.of(TYPE, json(RELEASED)),
                Map.of(TYPE, json(RELEASED), "dev.shopset.example.v2", json(RELEASED))))
        .isEmpty();
  }

  @Test
  void aRemovedTypeBreaks() {
    assertThat(
            SchemaCompatibility.breaks(
                "0.1.0", Map.of(TYPE, json(RELEASED)), Map.of("dev.shopset.other.v1", json("{}"))))
        .singleElement()
        .satisfies(b -> assertThat(b.message()).contains(TYPE, "the type is gone"));
  }

  @Test
  void aRemovedFieldBreaks() {
    assertThat(breaks(RELEASED.replace("\"generation\": {\"type\": \"integer\"},", "")))
        .extracting(Break::path, Break::problem)
        .contains(org.assertj.core.groups.Tuple.tuple("generation", "removed"));
  }

  @Test
  void aRemovedFieldOfANestedRecordBreaks() {
    assertThat(breaks(RELEASED.replace(", \"path\": {\"type\": \"string\"}", "")))
        .singleElement()
        .satisfies(b -> assertThat(b.path()).isEqualTo("repository.path"));
  }

  @Test
  void aRetypedFieldBreaks() {
    assertThat(
            breaks(
                RELEASED.replace(
                    "\"generation\": {\"type\": \"integer\"}",
                    "\"generation\": {\"type\": \"string\"}")))
        .singleElement()
        .satisfies(b -> {
          assertThat(b.path()).isEqualTo("generation");
          assertThat(b.problem()).contains("retyped from integer to string");
        });
  }

  @Test
  void aChangedFormatBreaks() {
    assertThat(breaks(RELEASED.replace(", \"format\": \"date-time\"", "")))
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).contains("format changed"));
  }

  @Test
  void retypedListItemsAndMapValuesBreak() {
    assertThat(breaks(RELEASED.replace("\"items\": {\"type\": \"string\"}", "\"items\": {}")))
        .singleElement()
        .satisfies(b -> assertThat(b.path()).isEqualTo("shops[]"));
    assertThat(
            breaks(
                RELEASED.replace(
                    "\"additionalProperties\": {\"type\": \"string\"}",
                    "\"additionalProperties\": {\"type\": \"integer\"}")))
        .singleElement()
        .satisfies(b -> assertThat(b.path()).isEqualTo("files.*"));
  }

  @Test
  void aNewRequiredFieldBreaks() {
    var withRequired =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json(edit("/properties", "{\"tier\": {\"type\": \"string\"}}"));
    withRequired.putArray("required").add("name").add("generation").add("tier");
    assertThat(breaks(withRequired.toString()))
        .singleElement()
        .satisfies(b -> {
          assertThat(b.path()).isEqualTo("tier");
          assertThat(b.problem()).contains("new and required");
        });
  }

  @Test
  void anOptionalFieldThatBecomesRequiredBreaks() {
    assertThat(
            breaks(
                RELEASED.replace(
                    "[\"name\", \"generation\"]", "[\"name\", \"generation\", \"at\"]")))
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).contains("became required"));
  }

  @Test
  void aRequiredFieldThatBecomesOptionalBreaks() {
    assertThat(breaks(RELEASED.replace("[\"name\", \"generation\"]", "[\"name\"]")))
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).contains("no longer required"));
  }

  @Test
  void aNarrowedEnumBreaks() {
    assertThat(breaks(RELEASED.replace("[\"SUCCEEDED\", \"FAILED\"]", "[\"SUCCEEDED\"]")))
        .singleElement()
        .satisfies(b -> {
          assertThat(b.path()).isEqualTo("outcome");
          assertThat(b.problem()).contains("enum narrowed", "FAILED");
        });
  }

  @Test
  void aWidenedEnumBreaksReadersOfTheRelease() {
    assertThat(
            breaks(
                RELEASED.replace(
                    "[\"SUCCEEDED\", \"FAILED\"]", "[\"SUCCEEDED\", \"FAILED\", \"SKIPPED\"]")))
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).contains("enum widened", "SKIPPED"));
  }

  @Test
  void theMessageSaysToPublishANewVersion() {
    Break removed = breaks(RELEASED.replace("\"generation\": {\"type\": \"integer\"},", "")).get(0);
    assertThat(removed.message())
        .contains(
            "dev.shopset.example.v1 field generation: removed",
            "release 0.1.0",
            "publish a new version instead (dev.shopset.example.v2");
  }

  @Test
  void nextVersionCountsUp() {
    assertThat(SchemaCompatibility.nextVersion("dev.shopset.render-result.v1"))
        .isEqualTo("dev.shopset.render-result.v2");
    assertThat(SchemaCompatibility.nextVersion("dev.shopset.x.v9")).isEqualTo("dev.shopset.x.v10");
  }

  private static final String INLINE_REPOSITORY =
      """
      "type": "object", "description": "Where it is.",
        "properties": {"url": {"type": "string"}, "path": {"type": "string"}},
        "required": ["url"]\
      """;

  private static List<Break> breaks(String current) {
    return SchemaCompatibility.breaks(
        "0.1.0", Map.of(TYPE, json(RELEASED)), Map.of(TYPE, json(current)));
  }

  /** {@link #RELEASED} with {@code fields} added to the object at {@code pointer}. */
  private static String edit(String pointer, String fields) {
    var schema = (com.fasterxml.jackson.databind.node.ObjectNode) json(RELEASED);
    ((com.fasterxml.jackson.databind.node.ObjectNode) schema.at(pointer))
        .setAll((com.fasterxml.jackson.databind.node.ObjectNode) json(fields));
    return schema.toString();
  }

  private static JsonNode json(String text) {
    try {
      return EventCodec.json().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
