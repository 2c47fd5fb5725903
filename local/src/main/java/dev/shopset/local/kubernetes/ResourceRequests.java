package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Maps a request on a resource path to a verb of {@link ApiOperations} and its answer to bytes:
 * objects and lists as JSON (or a Table for kubectl get), watches as a {@link WatchRequest} for the
 * server to stream.
 */
final class ResourceRequests {

  /** What a request gets back. */
  sealed interface Outcome permits Response, WatchRequest {}

  record Response(int code, String contentType, byte[] body, List<String> warnings)
      implements Outcome {
    static Response json(int code, byte[] body, List<String> warnings) {
      return new Response(code, "application/json", body, warnings);
    }
  }

  /** A watch to open: what it selects, from which resource version, and how events are written. */
  record WatchRequest(
      ResourceType type,
      String namespace,
      Predicate<Stored> selects,
      Long since,
      boolean initialEvents,
      long timeoutSeconds,
      boolean table,
      String includeObject)
      implements Outcome {}

  private final TypeRegistry types;
  private final ApiOperations operations;

  ResourceRequests(TypeRegistry types, ApiOperations operations) {
    this.types = types;
    this.operations = operations;
  }

  Outcome handle(
      String method,
      RequestPath path,
      Query query,
      String accept,
      String contentType,
      byte[] body) {
    ResourceType type = types.find(path.group(), path.version(), path.resource());
    if (type == null || (!type.namespaced() && path.namespace() != null)) {
      throw ApiError.noSuchPath();
    }
    String namespace = path.namespace();
    String name = path.name();
    String subresource = path.subresource();
    if (!subresource.isEmpty() && !(subresource.equals("status") && type.statusSubresource())) {
      throw ApiError.noSuchPath();
    }
    boolean table = accept != null && accept.contains("as=Table");
    switch (method) {
      case "GET" -> {
        if (name == null) {
          return query.flag("watch") || path.watch()
              ? watch(type, namespace, query, query.get("fieldSelector"), table)
              : list(type, namespace, query, table);
        }
        if (path.watch()) {
          String selector = "metadata.name=" + name;
          String fields = query.get("fieldSelector");
          return watch(
              type, namespace, query, fields == null ? selector : fields + "," + selector, table);
        }
        Stored object = operations.get(type, namespace, name);
        return table
            ? Response.json(
                200,
                Json.bytes(table(type, List.of(object), null, null, query.get("includeObject"))),
                List.of())
            : Response.json(200, bytes(object, type), List.of());
      }
      case "POST" -> {
        if (name != null || (type.namespaced() && namespace == null)) {
          throw ApiError.methodNotAllowed("POST is for collections in a namespace");
        }
        var written =
            operations.create(type, namespace, object(body, contentType), query.writeOptions());
        return written(written, type);
      }
      case "PUT" -> {
        requireName(name, method);
        var written =
            operations.replace(
                type,
                namespace,
                name,
                object(body, contentType),
                subresource,
                query.writeOptions());
        return written(written, type);
      }
      case "PATCH" -> {
        requireName(name, method);
        String patchType = mediaType(contentType);
        if (!ApiOperations.accepted(type).contains(patchType)) {
          throw ApiError.unsupportedMediaType(patchType, ApiOperations.accepted(type));
        }
        JsonNode patch = Json.parse(body, patchType.equals(Patches.APPLY_PATCH));
        var written =
            operations.patch(
                type, namespace, name, patchType, patch, subresource, query.writeOptions());
        return written(written, type);
      }
      case "DELETE" -> {
        boolean dryRun = "All".equals(query.get("dryRun"));
        if (name == null) {
          List<Stored> deleted =
              operations.deleteCollection(
                  type, namespace, query.get("labelSelector"), query.get("fieldSelector"), dryRun);
          return Response.json(
              200, list(type, deleted, operations.store().revision(), null), List.of());
        }
        JsonNode options = body.length == 0 ? null : Json.parse(body, false);
        var written = operations.delete(type, namespace, name, options, dryRun);
        return written(written, type);
      }
      default -> throw ApiError.methodNotAllowed(method + " is not supported");
    }
  }

  private Outcome list(ResourceType type, String namespace, Query query, boolean table) {
    String token = query.get("continue");
    String after = null;
    Long pinnedVersion = null;
    if (token != null && !token.isEmpty()) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        pinnedVersion = Long.parseLong(decoded.substring(0, colon));
        after = decoded.substring(colon + 1);
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        throw ApiError.badRequest("continue key is not valid: " + token);
      }
    }
    Store.Page page =
        operations.list(
            type,
            namespace,
            query.get("labelSelector"),
            query.get("fieldSelector"),
            query.number("limit"),
            after);
    long version = pinnedVersion != null ? pinnedVersion : page.resourceVersion();
    String next =
        page.continueAfter() == null
            ? null
            : Base64.getUrlEncoder()
                .encodeToString(
                    (version + ":" + page.continueAfter()).getBytes(StandardCharsets.UTF_8));
    if (table) {
      return Response.json(
          200,
          Json.bytes(table(type, page.items(), version, next, query.get("includeObject"))),
          List.of());
    }
    return Response.json(200, list(type, page.items(), version, next), List.of());
  }

  private static ObjectNode table(
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

  private Outcome watch(
      ResourceType type, String namespace, Query query, String fieldSelector, boolean table) {
    String version = query.get("resourceVersion");
    Long since = null;
    boolean initial = query.flag("sendInitialEvents");
    if (version != null && !version.isEmpty() && !version.equals("0") && !initial) {
      try {
        since = Long.parseLong(version);
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("resourceVersion must be a number, not \"" + version + "\"");
      }
    }
    return new WatchRequest(
        type,
        namespace,
        ApiOperations.selector(query.get("labelSelector"), fieldSelector),
        since,
        initial,
        query.number("timeoutSeconds"),
        table,
        query.get("includeObject"));
  }

  /** One watch event line: {@code {"type":"ADDED","object":{...}}}. */
  byte[] event(WatchRequest watch, String eventType, Stored object) {
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

  private Response written(ApiOperations.Written written, ResourceType type) {
    return Response.json(written.code(), bytes(written.object(), type), written.warnings());
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

  private static byte[] list(ResourceType type, List<Stored> items, long version, String next) {
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

  private static ObjectNode object(byte[] body, String contentType) {
    JsonNode node = Json.parse(body, contentType != null && contentType.contains("yaml"));
    if (!(node instanceof ObjectNode object)) {
      throw ApiError.badRequest("the request body is not an object");
    }
    return object;
  }

  private static void requireName(String name, String method) {
    if (name == null) {
      throw ApiError.methodNotAllowed(method + " needs an object name in the path");
    }
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
  }
}
