package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON (and YAML) trees as the in-memory API stores and answers them. */
final class Json {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serializes", e);
    }
  }

  static String string(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serializes", e);
    }
  }

  /** Parses what the store holds (always valid JSON). */
  static ObjectNode tree(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a request body, JSON or YAML (YAML is a superset: JSON parses as YAML too). */
  static JsonNode parse(byte[] body, boolean yaml) {
    try {
      JsonNode node = (yaml ? YAML : JSON).readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiError.badRequest("the request has an empty body");
      }
      return node;
    } catch (IOException e) {
      throw ApiError.badRequest("the body of the request cannot be decoded: " + e.getMessage());
    }
  }

  static JsonNode parseYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of {@code node.field}, or null when missing or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** {@code node.field} as an object, created when missing (or replaced when not an object). */
  static ObjectNode with(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value instanceof ObjectNode object) {
      return object;
    }
    return node.putObject(field);
  }
}
