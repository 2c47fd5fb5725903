package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.local.kubernetes.ResourceRequests.WatchRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes the in-memory API answers with: stored objects as the requested version shows them,
 * lists and watch events assembled from stored JSON without parsing it, Tables for kubectl get.
 */
final class Encoding {

  private Encoding() {}

  static ObjectNode table(
      ResourceType type, List<Stored> items, Long version, String next, String includeObject) {
    List<ObjectNode> objects = new ArrayList<>();
    for (Stored item : items) {
      ObjectNode object = item.tree();
      object.put("apiVersion", type.apiVersion());
      objects.add(object);
    }
    return Tables.table(
        type, objects, version == null ? null : Long.toString(version), next, includeObject);
  }

  /** One watch event line: {@code {"type":"ADDED","object":{...}}}. */
  static byte[] event(WatchRequest watch, String eventType, Stored object) {
    byte[] encoded =
        watch.table()
            ? Json.bytes(
                table(
                    watch.type(),
                    List.of(object),
                    object.resourceVersion(),
                    null,
                    watch.includeObject()))
            : bytes(object, watch.type());
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + 32);
    out.writeBytes(
        ("{\"type\":\"" + eventType + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(encoded);
    out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** A watch event carrying a Status (an expired resource version, a bookmark). */
  static byte[] event(String eventType, ObjectNode object) {
    ObjectNode event = Json.object().put("type", eventType);
    event.set("object", object);
    byte[] json = Json.bytes(event);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /** The end of the initial events of a {@code sendInitialEvents} watch. */
  static ObjectNode bookmark(ResourceType type, long version) {
    ObjectNode bookmark =
        Json.object().put("kind", type.kind()).put("apiVersion", type.apiVersion());
    ObjectNode metadata =
        bookmark.putObject("metadata").put("resourceVersion", Long.toString(version));
    metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
    return bookmark;
  }

  /**
   * An object as the requested version shows it (its apiVersion rewritten if stored at another).
   */
  static byte[] bytes(Stored object, ResourceType type) {
    if (object.apiVersion().equals(type.apiVersion())) {
      return object.json();
    }
    ObjectNode tree = object.tree();
    tree.put("apiVersion", type.apiVersion());
    return Json.bytes(tree);
  }

  static byte[] list(ResourceType type, List<Stored> items, long version, String next) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + items.size() * 512);
    ObjectNode head =
        Json.object().put("apiVersion", type.apiVersion()).put("kind", type.listKind());
    ObjectNode metadata = head.putObject("metadata").put("resourceVersion", Long.toString(version));
    if (next != null) {
      metadata.put("continue", next);
    }
    byte[] start = Json.bytes(head);
    out.write(start, 0, start.length - 1); // without the closing brace
    out.writeBytes(",\"items\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(bytes(items.get(i), type));
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
