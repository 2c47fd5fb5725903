package dev.shopset.renderer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a preview request: a ShopSet, its Tier and its Configuration as Kubernetes objects, and
 * optionally the ShopSet's Namespace (for its labels, which the Tier's namespace selector reads).
 * Accepts JSON or YAML: either one object {@code {shopSet, tier, configuration, namespace}} or a
 * stream of documents with {@code kind} ShopSet, Tier, Configuration and Namespace. Only parses;
 * the join with the platform's rules is {@code DesiredStateJoin}'s, as in the watcher.
 */
final class PreviewRequests {

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final List<String> KINDS =
      List.of("ShopSet", "Tier", "Configuration", "Namespace");
  private static final List<String> FIELDS =
      List.of("shopSet", "tier", "configuration", "namespace");

  private PreviewRequests() {}

  /**
   * What a preview joins: the three resources and the namespace's labels (null: no Namespace was
   * sent, so only its {@code kubernetes.io/metadata.name} is known).
   */
  record Preview(
      ShopSet shopSet, Tier tier, Configuration configuration, Map<String, String> labels) {
    String namespace() {
      return shopSet.getMetadata().getNamespace();
    }
  }

  static Preview parse(String body, boolean yaml) {
    if (body == null || body.isBlank()) {
      throw new PreviewException("body", "is empty: send a ShopSet, a Tier and a Configuration");
    }
    Map<String, JsonNode> parts = new TreeMap<>();
    for (JsonNode document : documents(body, yaml)) {
      if (FIELDS.stream().anyMatch(document::has)) {
        for (String field : FIELDS) {
          if (document.has(field) && !document.get(field).isNull()) {
            parts.put(field, document.get(field));
          }
        }
        continue;
      }
      String kind = document.path("kind").asText();
      if (!KINDS.contains(kind)) {
        throw new PreviewException(
            "kind", "'" + kind + "' is not ShopSet, Tier, Configuration or Namespace");
      }
      String field = FIELDS.get(KINDS.indexOf(kind));
      if (parts.put(field, document) != null) {
        throw new PreviewException("kind", "more than one " + kind + ": send one of each");
      }
    }
    ObjectNode shopSetNode = object(parts.get("shopSet"), "shopSet");
    ObjectNode meta = metadata(shopSetNode, "shopSet");
    if (meta.path("namespace").asText("").isEmpty()) {
      meta.put("namespace", "default");
    }
    String namespace = meta.get("namespace").asText();
    ShopSet shopSet = convert(shopSetNode, "shopSet", ShopSet.class);
    Tier tier = convert(object(parts.get("tier"), "tier"), "tier", Tier.class);
    ObjectNode configurationNode = object(parts.get("configuration"), "configuration");
    ObjectNode configurationMeta = metadata(configurationNode, "configuration");
    if (!configurationMeta.path("namespace").asText(namespace).equals(namespace)) {
      throw new PreviewException(
          "configuration.metadata.namespace", "must be the ShopSet's namespace " + namespace);
    }
    Configuration configuration = convert(configurationNode, "configuration", Configuration.class);
    return new Preview(shopSet, tier, configuration, labels(parts.get("namespace"), namespace));
  }

  private static Map<String, String> labels(JsonNode namespaceNode, String namespace) {
    if (namespaceNode == null) {
      return null;
    }
    ObjectNode meta = metadata(object(namespaceNode, "namespace"), "namespace");
    if (!meta.path("name").asText(namespace).equals(namespace)) {
      throw new PreviewException(
          "namespace.metadata.name", "must be the ShopSet's namespace " + namespace);
    }
    Map<String, String> labels = new TreeMap<>();
    JsonNode node = meta.path("labels");
    if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
      throw new PreviewException("namespace.metadata.labels", "must be a map of strings");
    }
    node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static List<JsonNode> documents(String body, boolean yaml) {
    List<JsonNode> out = new ArrayList<>();
    try {
      ObjectMapper mapper = yaml ? YAML : JSON;
      try (var parser = mapper.createParser(body)) {
        mapper
            .readValues(parser, JsonNode.class)
            .forEachRemaining(node -> {
              if (node != null && !node.isNull() && !node.isMissingNode()) {
                out.add(node);
              }
            });
      }
    } catch (RuntimeException | IOException e) {
      Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
      String message =
          cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
      throw new PreviewException(
          "body", "is not valid " + (yaml ? "YAML" : "JSON") + ": " + message);
    }
    for (JsonNode node : out) {
      if (!node.isObject()) {
        throw new PreviewException("body", "every document must be an object");
      }
    }
    return out;
  }

  private static ObjectNode object(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new PreviewException(field, "is required");
    }
    return (ObjectNode) node;
  }

  private static ObjectNode metadata(ObjectNode object, String field) {
    JsonNode meta = object.get("metadata");
    if (meta == null || !meta.isObject() || meta.path("name").asText("").isBlank()) {
      throw new PreviewException(field + ".metadata.name", "is required");
    }
    return (ObjectNode) meta;
  }

  private static <T> T convert(ObjectNode object, String prefix, Class<T> type) {
    metadata(object, prefix);
    JsonNode spec = object.get("spec");
    if (spec == null || !spec.isObject()) {
      throw new PreviewException(prefix + ".spec", "is required");
    }
    try {
      return JSON.treeToValue(object, type);
    } catch (JsonMappingException e) {
      String path = e.getPath().stream().map(PreviewRequests::segment).reduce("", String::concat);
      throw new PreviewException(prefix + path, e.getOriginalMessage());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PreviewException(prefix, e.getMessage());
    }
  }

  private static String segment(JsonMappingException.Reference reference) {
    return reference.getFieldName() != null
        ? "." + reference.getFieldName()
        : "[" + reference.getIndex() + "]";
  }

  /** The request's path of a desired-state field, e.g. {@code tier.spec.appRepository.path}. */
  static String requestField(String desiredField) {
    if (desiredField.equals("name") || desiredField.equals("namespace")) {
      return "shopSet.metadata." + desiredField;
    }
    if (desiredField.startsWith("annotations")) {
      return "shopSet.metadata." + desiredField;
    }
    if (desiredField.startsWith("spec")) {
      return "shopSet." + desiredField;
    }
    if (desiredField.equals("tier.name") || desiredField.equals("configuration.name")) {
      return desiredField.replace(".name", ".metadata.name");
    }
    if (desiredField.startsWith("tier.") || desiredField.startsWith("configuration.")) {
      int dot = desiredField.indexOf('.');
      return desiredField.substring(0, dot) + ".spec" + desiredField.substring(dot);
    }
    return desiredField;
  }
}
