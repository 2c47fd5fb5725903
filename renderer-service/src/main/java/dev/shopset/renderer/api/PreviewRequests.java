package dev.shopset.renderer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.ConfigurationSpec;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.TierSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a preview request — a ShopSet, its Tier and its Configuration as Kubernetes objects — and
 * joins them into the desired state the watcher would emit. Accepts JSON or YAML: either one object
 * {@code {shopSet, tier, configuration}} or a stream of documents with {@code kind} ShopSet, Tier
 * and Configuration.
 */
final class PreviewRequests {

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private PreviewRequests() {}

  static ShopSetDesired parse(String body, boolean yaml) {
    if (body == null || body.isBlank()) {
      throw new PreviewException("body", "is empty: send a ShopSet, a Tier and a Configuration");
    }
    List<JsonNode> documents = documents(body, yaml);
    JsonNode shopSet = null;
    JsonNode tier = null;
    JsonNode configuration = null;
    for (JsonNode document : documents) {
      if (document.has("shopSet") || document.has("tier") || document.has("configuration")) {
        shopSet = document.path("shopSet");
        tier = document.path("tier");
        configuration = document.path("configuration");
      } else {
        String kind = document.path("kind").asText();
        JsonNode before =
            switch (kind) {
              case "ShopSet" -> shopSet;
              case "Tier" -> tier;
              case "Configuration" -> configuration;
              default -> null;
            };
        if (before != null) {
          throw new PreviewException("kind", "more than one " + kind + ": send one of each");
        }
        switch (kind) {
          case "ShopSet" -> shopSet = document;
          case "Tier" -> tier = document;
          case "Configuration" -> configuration = document;
          default ->
              throw new PreviewException(
                  "kind",
                  "'" + document.path("kind").asText() + "' is not ShopSet, Tier or Configuration");
        }
      }
    }
    return join(
        require(shopSet, "shopSet"),
        require(tier, "tier"),
        require(configuration, "configuration"));
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

  private static JsonNode require(JsonNode node, String field) {
    if (node == null || node.isMissingNode() || node.isNull() || !node.isObject()) {
      throw new PreviewException(field, "is required");
    }
    return node;
  }

  private static ShopSetDesired join(JsonNode shopSet, JsonNode tier, JsonNode configuration) {
    String name = text(shopSet, "/metadata/name", "shopSet.metadata.name");
    String namespace = shopSet.at("/metadata/namespace").asText("default");
    if (namespace.isEmpty()) {
      namespace = "default";
    }
    SortedMap<String, String> annotations = new TreeMap<>();
    shopSet
        .at("/metadata/annotations")
        .properties()
        .forEach(e -> {
          if (e.getKey().startsWith(Labels.ANNOTATION_PREFIX)) {
            annotations.put(e.getKey(), e.getValue().asText());
          }
        });
    ShopSetSpec spec = convert(shopSet, "shopSet", ShopSetSpec.class);
    String tierName = text(tier, "/metadata/name", "tier.metadata.name");
    TierSpec tierSpec = convert(tier, "tier", TierSpec.class);
    if (tierSpec.appRepository() == null) {
      throw new PreviewException("tier.spec.appRepository", "is required");
    }
    if (tierSpec.systemRepository() == null) {
      throw new PreviewException(
          "tier.spec.systemRepository", "is required: a ShopSet on this Tier is not valid");
    }
    String configName = text(configuration, "/metadata/name", "configuration.metadata.name");
    ConfigurationSpec configSpec = convert(configuration, "configuration", ConfigurationSpec.class);
    if (configSpec.repository() == null) {
      throw new PreviewException("configuration.spec.repository", "is required");
    }
    if (!configuration.at("/metadata/namespace").asText(namespace).equals(namespace)) {
      throw new PreviewException(
          "configuration.metadata.namespace", "must be the ShopSet's namespace " + namespace);
    }
    try {
      return new ShopSetDesired(
          namespace,
          name,
          shopSet.at("/metadata/generation").asLong(0),
          annotations,
          spec,
          new ShopSetDesired.TierState(
              tierName,
              tierSpec.rank() == null ? 0 : tierSpec.rank(),
              tierSpec.branchOr(tierName),
              tierSpec.appRepository(),
              tierSpec.systemRepository(),
              tierSpec.promotesTo()),
          new ShopSetDesired.ConfigurationState(configName, configSpec.repository()));
    } catch (IllegalArgumentException e) {
      throw new PreviewException("body", e.getMessage());
    }
  }

  private static String text(JsonNode node, String pointer, String field) {
    JsonNode value = node.at(pointer);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new PreviewException(field, "is required");
    }
    return value.asText();
  }

  private static <T> T convert(JsonNode object, String prefix, Class<T> type) {
    JsonNode spec = object.get("spec");
    if (spec == null || !spec.isObject()) {
      throw new PreviewException(prefix + ".spec", "is required");
    }
    try {
      return JSON.treeToValue(spec, type);
    } catch (JsonMappingException e) {
      String path = e.getPath().stream().map(PreviewRequests::segment).reduce("", String::concat);
      throw new PreviewException(prefix + ".spec" + path, e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new PreviewException(prefix + ".spec", e.getOriginalMessage());
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
