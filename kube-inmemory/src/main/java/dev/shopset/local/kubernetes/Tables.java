package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side printing for {@code kubectl get}: objects as a meta.k8s.io/v1 Table with the CRD's
 * printer columns (Name and Age by default, a few more for built-in kinds).
 */
final class Tables {

  /** Not a JSONPath: the Ready column of a Deployment, "ready/desired". */
  private static final String READY = "ready/replicas";

  private Tables() {}

  /** A Table of {@code objects}; {@code includeObject} is None, Metadata (default) or Object. */
  static ObjectNode table(
      ResourceType type,
      List<ObjectNode> objects,
      String resourceVersion,
      String next,
      String includeObject) {
    ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (next != null) {
      metadata.put("continue", next);
    }
    List<ResourceType.PrinterColumn> columns = columns(type);
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("description", "Name must be unique within a namespace.")
        .put("priority", 0);
    for (ResourceType.PrinterColumn column : columns) {
      definitions
          .addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("format", column.format())
          .put("description", column.description())
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.at("/metadata/name").asText());
      for (ResourceType.PrinterColumn column : columns) {
        cells.add(cell(object, column));
      }
      switch (includeObject == null ? "Metadata" : includeObject) {
        case "None" -> {}
        case "Object" -> row.set("object", object);
        default -> {
          ObjectNode partial =
              row.putObject("object")
                  .put("kind", "PartialObjectMetadata")
                  .put("apiVersion", "meta.k8s.io/v1");
          partial.set("metadata", object.get("metadata"));
        }
      }
    }
    return table;
  }

  private static List<ResourceType.PrinterColumn> columns(ResourceType type) {
    List<ResourceType.PrinterColumn> columns = new ArrayList<>(type.columns());
    if (!type.custom()) {
      switch (type.kind()) {
        case "Namespace" -> columns.add(column("Status", "string", ".status.phase"));
        case "Deployment" -> {
          columns.add(column("Ready", "string", READY));
          columns.add(column("Up-to-date", "integer", ".status.updatedReplicas"));
          columns.add(column("Available", "integer", ".status.availableReplicas"));
        }
        default -> {}
      }
    }
    if (columns.stream().noneMatch(c -> c.jsonPath().equals(".metadata.creationTimestamp"))) {
      columns.add(column("Age", "date", ".metadata.creationTimestamp"));
    }
    return columns;
  }

  private static ResourceType.PrinterColumn column(String name, String type, String path) {
    return new ResourceType.PrinterColumn(name, type, "", path, name, 0);
  }

  private static JsonNode cell(ObjectNode object, ResourceType.PrinterColumn column) {
    if (column.jsonPath().equals(READY)) {
      return Json.object()
          .textNode(
              object.at("/status/readyReplicas").asInt(0)
                  + "/"
                  + object.at("/spec/replicas").asInt(1));
    }
    List<JsonNode> found;
    try {
      found = JsonPaths.find(object, column.jsonPath());
    } catch (IllegalArgumentException e) {
      return Json.object().nullNode();
    }
    if (found.isEmpty() || found.get(0).isNull()) {
      return Json.object().nullNode();
    }
    JsonNode value = found.get(0);
    if (column.type().equals("date")) {
      return Json.object().textNode(age(value.asText()));
    }
    return value.isContainerNode() ? Json.object().textNode(Json.string(value)) : value;
  }

  /** Kubernetes' human-readable duration since a timestamp: 45s, 3m20s, 5h, 12d. */
  static String age(String timestamp) {
    long seconds;
    try {
      seconds = Duration.between(Instant.parse(timestamp), Instant.now()).toSeconds();
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    return hours / 24 / 365 + "y" + hours / 24 % 365 + "d";
  }
}
