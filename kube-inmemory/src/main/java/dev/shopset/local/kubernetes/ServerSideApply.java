package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Server-side apply ({@code kubectl apply --server-side}), simplified: each field manager owns the
 * fields of its last applied configuration (recorded in {@code metadata.managedFields} as a real
 * server does); applying again sets every field of the new configuration and removes the fields the
 * manager owned before but no longer applies. Lists are owned whole, and other managers' fields
 * never conflict (as with {@code --force-conflicts}).
 */
final class ServerSideApply {

  private static final Set<String> UNOWNED_METADATA =
      Set.of(
          "name",
          "namespace",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "managedFields");

  private ServerSideApply() {}

  /**
   * The object after {@code manager} applies {@code config} to {@code current} (null when there is
   * none yet).
   */
  static ObjectNode apply(
      ObjectNode current, ObjectNode config, String manager, String apiVersion, String now) {
    ObjectNode owned = fields(config, true);
    ObjectNode result;
    if (current == null) {
      result = config.deepCopy();
      Json.with(result, "metadata").remove("managedFields");
    } else {
      result = current.deepCopy();
      JsonNode before = entry(result, manager);
      if (before != null) {
        removeUnapplied(result, before.path("fieldsV1"), owned);
      }
      merge(result, config);
    }
    ObjectNode metadata = Json.with(result, "metadata");
    ArrayNode managed = Json.array();
    if (current != null && current.at("/metadata/managedFields") instanceof ArrayNode old) {
      old.forEach(e -> {
        if (!(manager.equals(Json.text(e, "manager"))
            && "Apply".equals(Json.text(e, "operation")))) {
          managed.add(e);
        }
      });
    }
    ObjectNode mine = managed.addObject();
    mine.put("manager", manager)
        .put("operation", "Apply")
        .put("apiVersion", apiVersion)
        .put("time", now)
        .put("fieldsType", "FieldsV1")
        .set("fieldsV1", owned);
    metadata.set("managedFields", managed);
    return result;
  }

  private static JsonNode entry(ObjectNode object, String manager) {
    for (JsonNode entry : object.at("/metadata/managedFields")) {
      if (manager.equals(Json.text(entry, "manager"))
          && "Apply".equals(Json.text(entry, "operation"))) {
        return entry;
      }
    }
    return null;
  }

  /** The field set of a configuration, as {@code fieldsV1}: {@code {"f:spec":{"f:tier":{}}}}. */
  static ObjectNode fields(JsonNode config, boolean top) {
    ObjectNode set = Json.object();
    for (var field : config.properties()) {
      String name = field.getKey();
      if (top && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      JsonNode value = field.getValue();
      if (name.equals("metadata") && top) {
        ObjectNode metadata = Json.object();
        value
            .properties()
            .forEach(m -> {
              if (!UNOWNED_METADATA.contains(m.getKey())) {
                metadata.set(
                    "f:" + m.getKey(),
                    m.getValue().isObject() ? fields(m.getValue(), false) : Json.object());
              }
            });
        if (!metadata.isEmpty()) {
          set.set("f:metadata", metadata);
        }
        continue;
      }
      set.set("f:" + name, value.isObject() ? fields(value, false) : Json.object());
    }
    return set;
  }

  private static void removeUnapplied(ObjectNode object, JsonNode before, JsonNode now) {
    for (var field : before.properties()) {
      String key = field.getKey();
      if (!key.startsWith("f:")) {
        continue;
      }
      String name = key.substring(2);
      JsonNode still = now.get(key);
      if (still == null) {
        object.remove(name);
      } else if (object.get(name) instanceof ObjectNode child && !field.getValue().isEmpty()) {
        removeUnapplied(child, field.getValue(), still);
      }
    }
  }

  private static void merge(ObjectNode target, JsonNode config) {
    for (var field : config.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject() && target.get(name) instanceof ObjectNode child) {
        merge(child, value);
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }
}
