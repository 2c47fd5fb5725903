package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
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
                Json.bytes(
                    Encoding.table(type, List.of(object), null, null, query.get("includeObject"))),
                List.of())
            : Response.json(200, Encoding.bytes(object, type), List.of());
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
              200, Encoding.list(type, deleted, operations.store().revision(), null), List.of());
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
          Json.bytes(Encoding.table(type, page.items(), version, next, query.get("includeObject"))),
          List.of());
    }
    return Response.json(200, Encoding.list(type, page.items(), version, next), List.of());
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

  private Response written(ApiOperations.Written written, ResourceType type) {
    return Response.json(
        written.code(), Encoding.bytes(written.object(), type), written.warnings());
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
