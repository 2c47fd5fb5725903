package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI documents of the kinds served: v3 per group version (what kubectl explain, apply and
 * edit read) with its index, and v2 in JSON. Custom resources carry their CRD's schema; built-in
 * kinds are declared (kind, paths, metadata) but their fields are free-form. The operations declare
 * the {@code fieldValidation} parameter, so kubectl leaves validation to the server.
 */
final class OpenApi {

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final String V3_REF = "#/components/schemas/";

  private final TypeRegistry types;
  private long builtFor = -1;
  private Map<String, ObjectNode> v3 = Map.of();
  private Map<String, String> hashes = Map.of();

  OpenApi(TypeRegistry types) {
    this.types = types;
  }

  /** {@code /openapi/v3}: where each group version's document is. */
  synchronized ObjectNode v3Index() {
    refresh();
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    v3.keySet()
        .forEach(path ->
            paths
                .putObject(path)
                .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hashes.get(path)));
    return index;
  }

  /** {@code /openapi/v3/<path>} ({@code api/v1}, {@code apis/shopset.dev/v1alpha1}), or null. */
  synchronized ObjectNode v3(String path) {
    refresh();
    return v3.get(path);
  }

  /** {@code /openapi/v2}: every kind in one Swagger 2.0 document. */
  synchronized ObjectNode v2() {
    refresh();
    ObjectNode document = Json.object().put("swagger", "2.0");
    document.putObject("info").put("title", "Kubernetes").put("version", InMemoryApiServer.VERSION);
    ObjectNode paths = document.putObject("paths");
    ObjectNode definitions = document.putObject("definitions");
    for (ObjectNode gv : v3.values()) {
      String text = Json.string(gv).replace(V3_REF, "#/definitions/");
      ObjectNode converted = (ObjectNode) Json.parseYaml(text);
      converted
          .path("components")
          .path("schemas")
          .properties()
          .forEach(e -> definitions.set(e.getKey(), e.getValue()));
      converted
          .path("paths")
          .properties()
          .forEach(e -> paths.set(e.getKey(), v2Path(e.getValue())));
    }
    return document;
  }

  private static JsonNode v2Path(JsonNode path) {
    ObjectNode converted = Json.object();
    path.properties()
        .forEach(op -> {
          if (!(op.getValue() instanceof ObjectNode operation)) {
            converted.set(op.getKey(), op.getValue());
            return;
          }
          ObjectNode copy = operation.deepCopy();
          JsonNode body = copy.remove("requestBody");
          ArrayNode parameters = copy.withArray("parameters");
          for (JsonNode parameter : parameters) {
            if (parameter instanceof ObjectNode p && p.has("schema")) {
              p.setAll((ObjectNode) p.remove("schema"));
            }
          }
          if (body != null) {
            ArrayNode consumes = copy.putArray("consumes");
            body.path("content").fieldNames().forEachRemaining(consumes::add);
            JsonNode schema = body.path("content").elements().next().path("schema");
            parameters
                .addObject()
                .put("name", "body")
                .put("in", "body")
                .put("required", true)
                .set("schema", schema);
          }
          ObjectNode responses = copy.putObject("responses");
          JsonNode ok = operation.path("responses").path("200");
          responses
              .putObject("200")
              .put("description", "OK")
              .set("schema", ok.path("content").path("application/json").path("schema"));
          copy.putArray("produces").add("application/json");
          converted.set(op.getKey(), copy);
        });
    return converted;
  }

  private void refresh() {
    long changes = types.changes();
    if (changes == builtFor) {
      return;
    }
    Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
    for (ResourceType type : types.all()) {
      String path = type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.apiVersion();
      byGroupVersion.computeIfAbsent(path, p -> new ArrayList<>()).add(type);
    }
    Map<String, ObjectNode> documents = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    byGroupVersion.forEach((path, served) -> {
      ObjectNode document = document(served);
      documents.put(path, document);
      digests.put(path, sha256(Json.bytes(document)));
    });
    v3 = Collections.unmodifiableMap(documents);
    hashes = digests;
    builtFor = changes;
  }

  private static ObjectNode document(List<ResourceType> served) {
    ObjectNode document = Json.object().put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", InMemoryApiServer.VERSION);
    ObjectNode paths = document.putObject("paths");
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    OpenApiSchemas.meta(schemas);
    for (ResourceType type : served) {
      String name = OpenApiSchemas.name(type);
      schemas.set(name, OpenApiSchemas.kind(type));
      schemas.set(name + "List", OpenApiSchemas.list(type, name));
      String ref = V3_REF + name;
      String listRef = V3_REF + name + "List";
      String collection = type.collectionPath("{namespace}");
      String item = collection + "/{name}";
      ObjectNode collectionPath = paths.putObject(collection);
      boolean ns = type.namespaced();
      collectionPath.set("get", operation(type, id("list", type, ns, ""), "list", listRef, null));
      collectionPath.set("post", operation(type, id("create", type, ns, ""), "post", ref, ref));
      collectionPath.set(
          "delete",
          operation(type, id("deleteCollection", type, ns, ""), "deletecollection", STATUS, null));
      pathParameters(collectionPath, type, false);
      ObjectNode itemPath = paths.putObject(item);
      itemPath.set("get", operation(type, id("read", type, ns, ""), "get", ref, null));
      itemPath.set("put", operation(type, id("replace", type, ns, ""), "put", ref, ref));
      itemPath.set("patch", operation(type, id("patch", type, ns, ""), "patch", ref, PATCH));
      itemPath.set("delete", operation(type, id("delete", type, ns, ""), "delete", ref, null));
      pathParameters(itemPath, type, true);
      if (type.statusSubresource()) {
        ObjectNode statusPath = paths.putObject(item + "/status");
        statusPath.set("get", operation(type, id("read", type, ns, "Status"), "get", ref, null));
        statusPath.set("put", operation(type, id("replace", type, ns, "Status"), "put", ref, ref));
        statusPath.set(
            "patch", operation(type, id("patch", type, ns, "Status"), "patch", ref, PATCH));
        pathParameters(statusPath, type, true);
      }
      if (ns) {
        ObjectNode all = paths.putObject(type.collectionPath(null));
        all.set(
            "get",
            operation(type, id("list", type, false, "ForAllNamespaces"), "list", listRef, null));
      }
    }
    return document;
  }

  private static final String STATUS = V3_REF + META + "Status";
  private static final String PATCH = V3_REF + META + "Patch";

  /** An operation id as a real server writes them, e.g. listShopsetDevV1alpha1NamespacedShopSet. */
  private static String id(String verb, ResourceType type, boolean namespaced, String suffix) {
    StringBuilder group = new StringBuilder();
    for (String part : (type.group().isEmpty() ? "core" : type.group()).split("[.-]")) {
      group.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    String version = Character.toUpperCase(type.version().charAt(0)) + type.version().substring(1);
    return verb + group + version + (namespaced ? "Namespaced" : "") + type.kind() + suffix;
  }

  private static ObjectNode operation(
      ResourceType type, String id, String action, String response, String body) {
    ObjectNode operation = Json.object();
    operation.put("operationId", id);
    ArrayNode parameters = operation.putArray("parameters");
    switch (action) {
      case "post", "put", "patch" -> {
        query(parameters, "dryRun", "string");
        query(parameters, "fieldManager", "string");
        query(parameters, "fieldValidation", "string");
        if (action.equals("patch")) {
          query(parameters, "force", "boolean");
        }
      }
      case "list", "deletecollection" -> {
        for (String name :
            List.of("labelSelector", "fieldSelector", "resourceVersion", "continue")) {
          query(parameters, name, "string");
        }
        query(parameters, "limit", "integer");
        query(parameters, "watch", "boolean");
      }
      default -> query(parameters, "dryRun", "string");
    }
    if (body != null) {
      ObjectNode content =
          operation.putObject("requestBody").put("required", true).putObject("content");
      List<String> mediaTypes =
          action.equals("patch")
              ? List.of(Patches.JSON_PATCH, Patches.MERGE_PATCH, Patches.APPLY_PATCH)
              : List.of("application/json", "application/yaml");
      for (String mediaType : mediaTypes) {
        content.putObject(mediaType).putObject("schema").put("$ref", body);
      }
    }
    operation
        .putObject("responses")
        .putObject("200")
        .put("description", "OK")
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", response);
    operation.put("x-kubernetes-action", action);
    operation
        .putObject("x-kubernetes-group-version-kind")
        .put("group", type.group())
        .put("kind", type.kind())
        .put("version", type.version());
    return operation;
  }

  private static void query(ArrayNode parameters, String name, String type) {
    parameters
        .addObject()
        .put("name", name)
        .put("in", "query")
        .put("description", name)
        .putObject("schema")
        .put("type", type)
        .put("uniqueItems", true);
  }

  private static void pathParameters(ObjectNode path, ResourceType type, boolean named) {
    ArrayNode parameters = path.putArray("parameters");
    if (named) {
      pathParameter(parameters, "name", "name of the " + type.kind());
    }
    if (type.namespaced()) {
      pathParameter(
          parameters, "namespace", "object name and auth scope, such as for teams and projects");
    }
  }

  private static void pathParameter(ArrayNode parameters, String name, String description) {
    parameters
        .addObject()
        .put("name", name)
        .put("in", "path")
        .put("description", description)
        .put("required", true)
        .putObject("schema")
        .put("type", "string")
        .put("uniqueItems", true);
  }

  private static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().withUpperCase().formatHex(digest, 0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
