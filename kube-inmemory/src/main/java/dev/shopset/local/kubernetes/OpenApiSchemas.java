package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The component schemas of the OpenAPI documents: kinds, their lists, and object metadata. */
final class OpenApiSchemas {

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final String REF = "#/components/schemas/";

  private OpenApiSchemas() {}

  /**
   * The schema name of a kind: {@code dev.shopset.v1alpha1.ShopSet} for a custom resource (its
   * group reversed), {@code io.k8s.api.apps.v1.Deployment} for a built-in one.
   */
  static String name(ResourceType type) {
    if (type.custom()) {
      List<String> parts = new java.util.ArrayList<>(List.of(type.group().split("\\.")));
      java.util.Collections.reverse(parts);
      return String.join(".", parts) + "." + type.version() + "." + type.kind();
    }
    if (type.group().equals("apiextensions.k8s.io")) {
      return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions."
          + type.version()
          + "."
          + type.kind();
    }
    String group = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
    return "io.k8s.api." + group + "." + type.version() + "." + type.kind();
  }

  /** The schema of a kind: its CRD's, or for a built-in kind one that leaves its fields free. */
  static ObjectNode kind(ResourceType type) {
    ObjectNode schema;
    if (type.custom() && type.schema() != null) {
      schema = type.schema().deepCopy();
    } else {
      schema = Json.object();
      schema.put(
          "description",
          type.kind() + " (stored as given: the in-memory API does not check its fields).");
      schema.put("x-kubernetes-preserve-unknown-fields", true);
    }
    schema.put("type", "object");
    ObjectNode properties = schema.withObject("properties");
    properties.set("apiVersion", apiVersion());
    properties.set("kind", kindField());
    ObjectNode metadata = Json.object();
    metadata.putArray("allOf").addObject().put("$ref", REF + META + "ObjectMeta");
    metadata.put(
        "description",
        "Standard object's metadata. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
    properties.set("metadata", metadata);
    gvk(schema.putArray("x-kubernetes-group-version-kind"), type, type.kind());
    return schema;
  }

  static ObjectNode list(ResourceType type, String itemSchema) {
    ObjectNode schema = Json.object().put("type", "object");
    schema.put("description", type.kind() + "List is a list of " + type.kind());
    ObjectNode properties = schema.putObject("properties");
    properties.set("apiVersion", apiVersion());
    properties
        .putObject("items")
        .put("type", "array")
        .put("description", "List of " + type.plural())
        .putObject("items")
        .put("$ref", REF + itemSchema);
    properties.set("kind", kindField());
    properties
        .putObject("metadata")
        .putArray("allOf")
        .addObject()
        .put("$ref", REF + META + "ListMeta");
    schema.putArray("required").add("items");
    gvk(schema.putArray("x-kubernetes-group-version-kind"), type, type.kind() + "List");
    return schema;
  }

  /** ObjectMeta, ListMeta, Patch and Status, which every document refers to. */
  static void meta(ObjectNode schemas) {
    ObjectNode objectMeta = schemas.putObject(META + "ObjectMeta");
    objectMeta.put(
        "description",
        "ObjectMeta is metadata that all persisted resources must have, which includes all objects"
            + " users must create.");
    objectMeta.put("type", "object");
    ObjectNode p = objectMeta.putObject("properties");
    stringMap(
        p, "annotations", "Annotations is an unstructured key value map stored with a resource.");
    field(p, "creationTimestamp", "string", "When this object was created (RFC 3339).")
        .put("format", "date-time");
    field(p, "deletionGracePeriodSeconds", "integer", "Seconds allowed for graceful termination.")
        .put("format", "int64");
    field(p, "deletionTimestamp", "string", "When this object will be deleted (RFC 3339).")
        .put("format", "date-time");
    field(p, "finalizers", "array", "Must be empty before the object is deleted from the registry.")
        .put("x-kubernetes-list-type", "set")
        .putObject("items")
        .put("type", "string")
        .put("default", "");
    field(p, "generateName", "string", "A prefix the server uses to generate a unique name.");
    field(
            p,
            "generation",
            "integer",
            "A sequence number representing a specific generation of the desired state.")
        .put("format", "int64");
    stringMap(
        p,
        "labels",
        "Map of string keys and values that can be used to organize and categorize objects.");
    field(p, "managedFields", "array", "Which field managers own which fields (server-side apply).")
        .putObject("items")
        .put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    field(p, "name", "string", "Name must be unique within a namespace.");
    field(
        p,
        "namespace",
        "string",
        "Namespace defines the space within which each name must be unique.");
    field(p, "ownerReferences", "array", "List of objects depended by this object.")
        .putObject("items")
        .put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    field(
        p,
        "resourceVersion",
        "string",
        "An opaque value that represents the internal version of this object.");
    field(p, "selfLink", "string", "Deprecated.");
    field(p, "uid", "string", "The unique in time and space value for this object.");

    ObjectNode listMeta = schemas.putObject(META + "ListMeta");
    listMeta.put("description", "ListMeta describes metadata that synthetic resources must have.");
    listMeta.put("type", "object");
    ObjectNode lp = listMeta.putObject("properties");
    field(lp, "continue", "string", "Set if the user should request more items.");
    field(lp, "remainingItemCount", "integer", "Items left after this page.")
        .put("format", "int64");
    field(lp, "resourceVersion", "string", "The version of the list.");
    field(lp, "selfLink", "string", "Deprecated.");

    schemas
        .putObject(META + "Patch")
        .put("type", "object")
        .put(
            "description",
            "Patch is provided to give a concrete name and type to the patch request body.");
    ObjectNode status = schemas.putObject(META + "Status");
    status.put(
        "description", "Status is a return value for calls that don't return other objects.");
    status.put("type", "object");
    status.put("x-kubernetes-preserve-unknown-fields", true);
  }

  private static ObjectNode field(
      ObjectNode properties, String name, String type, String description) {
    return properties.putObject(name).put("type", type).put("description", description);
  }

  private static void stringMap(ObjectNode properties, String name, String description) {
    field(properties, name, "object", description)
        .putObject("additionalProperties")
        .put("type", "string")
        .put("default", "");
  }

  private static ObjectNode apiVersion() {
    return Json.object()
        .put("type", "string")
        .put(
            "description",
            "APIVersion defines the versioned schema of this representation of an object.");
  }

  private static ObjectNode kindField() {
    return Json.object()
        .put("type", "string")
        .put(
            "description",
            "Kind is a string value representing the REST resource this object represents.");
  }

  private static void gvk(ArrayNode list, ResourceType type, String kind) {
    list.addObject().put("group", type.group()).put("kind", kind).put("version", type.version());
  }
}
