package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object as the store keeps it: its serialized JSON (never changed once stored) and what
 * requests select it by, so a get, a list or a watch event needs no parsing.
 */
record Stored(
    String apiVersion,
    String namespace,
    String name,
    long resourceVersion,
    byte[] json,
    Map<String, String> labels) {

  /** {@code namespace/name}; cluster-scoped objects have an empty namespace. */
  String key() {
    return key(namespace, name);
  }

  static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  /** A fresh, mutable copy of the object. */
  ObjectNode tree() {
    return Json.tree(json);
  }

  static Stored of(ObjectNode object, long resourceVersion) {
    JsonNode metadata = object.path("metadata");
    Map<String, String> labels = new LinkedHashMap<>();
    metadata
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    String namespace = metadata.path("namespace").asText("");
    return new Stored(
        object.path("apiVersion").asText(),
        namespace,
        metadata.path("name").asText(),
        resourceVersion,
        Json.bytes(object),
        Map.copyOf(labels));
  }
}
