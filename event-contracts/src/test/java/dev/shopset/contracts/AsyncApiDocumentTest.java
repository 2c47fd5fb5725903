package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.shopset.contracts.cloudevents.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed AsyncAPI document is what the contracts generate, is valid by the AsyncAPI 3.0
 * specification's own JSON Schema, resolves offline, and covers every topic and event type.
 */
class AsyncApiDocumentTest {

  private static final Path RESOURCES =
      Generated.repositoryRoot().resolve("event-contracts/src/main/resources");

  /** What an AsyncAPI (draft-07 based) tool and a 2020-12 validator both read the same way. */
  private static final Set<String> COMMON_KEYWORDS =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$ref",
          "title",
          "description",
          "type",
          "properties",
          "required",
          "items",
          "additionalProperties",
          "enum",
          "const",
          "format");

  private static JsonSchema asyncApiSchema;
  private static JsonNode committed;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        AsyncApiDocumentTest.class.getResourceAsStream(
            "/asyncapi-spec/asyncapi-" + AsyncApiDocument.SPEC_VERSION + ".schema.json")) {
      assertThat(in).as("the AsyncAPI specification's schema in test resources").isNotNull();
      asyncApiSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Path file = RESOURCES.resolve(AsyncApiDocument.FILE);
    committed =
        Files.exists(file)
            ? AsyncApiDocument.read(Files.readString(file))
            : EventCodec.json().nullNode();
  }

  @Test
  void committedDocumentIsWhatTheContractsGenerate() throws IOException {
    Generated.assertCommitted(
        RESOURCES,
        Map.of(AsyncApiDocument.FILE, new AsyncApiDocument(version()).yaml()),
        AsyncApiDocument.FILE);
  }

  @Test
  void documentIsValidAsyncApi3() {
    assertThat(committed.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(errors(committed)).isEmpty();
  }

  /** The validation above means something: it refuses what the specification refuses. */
  @Test
  void theSpecificationSchemaRefusesAnInvalidDocument() {
    ObjectNode broken = committed.deepCopy();
    ((ObjectNode) broken.at("/operations/renderer.send.shopset.renders")).put("action", "publish");
    ((ObjectNode) broken.at("/channels/shopset.desired/bindings/kafka")).put("partitions", 0);
    ((ObjectNode) broken.path("info")).remove("version");

    assertThat(errors(broken))
        .anyMatch(e -> e.contains("action"))
        .anyMatch(e -> e.contains("partitions"))
        .anyMatch(e -> e.contains("version"));
  }

  @Test
  void everyReferenceResolvesOfflineInTheRepositoryAndTheJar() throws IOException {
    List<String> refs = new ArrayList<>();
    collectRefs(committed, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      if (ref.startsWith("#")) {
        assertThat(committed.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        continue;
      }
      String file = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
      assertThat(ref).as("a relative reference").doesNotContain("://");
      assertThat(RESOURCES.resolve(file)).as("%s in the repository", ref).isRegularFile();
      assertThat(getClass().getResource("/" + file)).as("%s in the jar", ref).isNotNull();
    }
  }

  @Test
  void everyTopicIsAChannelWithItsKafkaSettings() {
    for (Topics.Topic topic : Topics.ALL) {
      JsonNode channel = committed.path("channels").path(topic.name());
      assertThat(channel.path("address").asText()).as(topic.name()).isEqualTo(topic.name());
      JsonNode kafka = channel.at("/bindings/kafka");
      assertThat(kafka.path("partitions").asInt()).isEqualTo(topic.partitions());
      assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asText())
          .isEqualTo(topic.cleanup().policy());
      topic
          .config()
          .forEach((key, value) -> {
            if (!key.equals("cleanup.policy")) {
              assertThat(kafka.path("topicConfiguration").path(key).asText())
                  .as("%s %s", topic.name(), key)
                  .isEqualTo(value);
            }
          });
      assertThat(channel.path("messages").size()).as("%s messages", topic.name()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyTypeIsAMessageOfItsTopicSentByAService(EventType type) {
    JsonNode message = committed.at("/components/messages/" + type.type());
    assertThat(message.path("payload").path("$ref").asText())
        .isEqualTo("schemas/" + type.type() + ".json");
    assertThat(message.at("/bindings/kafka/key/type").asText()).isEqualTo("string");
    assertThat(
            committed
                .at("/channels/" + type.topic() + "/messages/" + type.type() + "/$ref")
                .asText())
        .isEqualTo("#/components/messages/" + type.type());
    String sent = "#/channels/" + type.topic() + "/messages/" + type.type();
    assertThat(committed.path("operations").properties())
        .as("an operation sends %s", type)
        .anySatisfy(op -> {
          assertThat(op.getValue().path("action").asText()).isEqualTo("send");
          assertThat(op.getValue().path("messages").findValuesAsText("$ref")).contains(sent);
        });
  }

  /**
   * AsyncAPI tools read payload schemas as (a superset of) JSON Schema draft-07; ours declare
   * 2020-12 and use only keywords both drafts read the same way, with only annotations beside a
   * {@code $ref} (draft-07 ignores a {@code $ref}'s siblings).
   */
  @ParameterizedTest
  @EnumSource(EventType.class)
  void payloadSchemasMeanTheSameToDraft07Readers(EventType type) throws IOException {
    JsonNode schema =
        EventCodec.json().readTree(RESOURCES.resolve("schemas/" + type.type() + ".json").toFile());
    List<String> problems = new ArrayList<>();
    checkKeywords(schema, "", problems);
    assertThat(problems).isEmpty();
  }

  private static void checkKeywords(JsonNode schema, String path, List<String> problems) {
    schema
        .fieldNames()
        .forEachRemaining(keyword -> {
          if (!COMMON_KEYWORDS.contains(keyword)) {
            problems.add(path + "/" + keyword + " is not read the same by draft-07 tools");
          }
        });
    if (schema.has("$ref")) {
      schema
          .fieldNames()
          .forEachRemaining(keyword -> {
            if (!Set.of("$ref", "description", "title").contains(keyword)) {
              problems.add(path + "/" + keyword + " beside $ref is ignored by draft-07 tools");
            }
          });
      if (!schema.get("$ref").asText().startsWith("#/$defs/")) {
        problems.add(path + "/$ref is not a local definition");
      }
    }
    for (String map : List.of("properties", "$defs")) {
      schema
          .path(map)
          .properties()
          .forEach(p -> checkKeywords(p.getValue(), path + "/" + map + "/" + p.getKey(), problems));
    }
    for (String sub : List.of("items", "additionalProperties")) {
      if (schema.path(sub).isObject()) {
        checkKeywords(schema.get(sub), path + "/" + sub, problems);
      }
    }
  }

  private static List<String> errors(JsonNode document) {
    return asyncApiSchema.validate(document).stream().map(Object::toString).toList();
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(p -> {
            if (p.getKey().equals("$ref") && p.getValue().isTextual()) {
              refs.add(p.getValue().asText());
            } else {
              collectRefs(p.getValue(), refs);
            }
          });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }

  /** The project version, from the pom: the library version that publishes this document. */
  static String version() throws IOException {
    String pom = Files.readString(Generated.repositoryRoot().resolve("event-contracts/pom.xml"));
    Matcher m =
        Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    if (!m.find()) {
      throw new IllegalStateException("No parent version in event-contracts/pom.xml");
    }
    return m.group(1);
  }
}
