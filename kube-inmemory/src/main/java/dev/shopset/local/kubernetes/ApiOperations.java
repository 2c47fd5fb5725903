package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The verbs of the in-memory API on stored objects (get, list, create, update, patch, delete), with
 * a real server's rules: optimistic locking on resourceVersion, no new resource version for a write
 * that changes nothing, finalizers, dry runs, and cascades (a deleted namespace takes its objects
 * along, a deleted CRD its custom resources and its kind).
 */
final class ApiOperations {

  /** The outcome of a write: the object as stored (or as it would be, in a dry run). */
  record Written(Stored object, int code, List<String> warnings) {}

  private final Store store;
  private final TypeRegistry types;
  private final boolean schemaValidation;

  ApiOperations(Store store, TypeRegistry types, boolean schemaValidation) {
    this.store = store;
    this.types = types;
    this.schemaValidation = schemaValidation;
  }

  Store store() {
    return store;
  }

  Stored get(ResourceType type, String namespace, String name) {
    Stored found = store.get(type.storageKey(), scope(type, namespace), name);
    if (found == null) {
      throw ApiError.notFound(type, name);
    }
    return found;
  }

  /** A page of selected objects; a selector on {@code metadata.name} reads one object, no scan. */
  Store.Page list(
      ResourceType type,
      String namespace,
      String labelSelector,
      String fieldSelector,
      long limit,
      String continueAfter) {
    Predicate<Stored> selects = selector(labelSelector, fieldSelector);
    String name = Selectors.pinned(fieldSelector, "metadata.name");
    String pinnedNamespace = Selectors.pinned(fieldSelector, "metadata.namespace");
    String ns = namespace != null ? namespace : type.namespaced() ? pinnedNamespace : null;
    if (name != null && (ns != null || !type.namespaced())) {
      long version = store.revision();
      Stored found = store.get(type.storageKey(), scope(type, ns), name);
      return new Store.Page(
          found != null && selects.test(found) ? List.of(found) : List.of(), version, null);
    }
    return store.list(
        type.storageKey(), type.namespaced() ? ns : null, selects, continueAfter, limit);
  }

  /**
   * What a watch or a list selects by its label and field selectors; a selector on name and
   * namespace only (kubectl wait, delete) reads no object.
   */
  static Predicate<Stored> selector(String labelSelector, String fieldSelector) {
    Predicate<Map<String, String>> labels = Selectors.labels(labelSelector);
    if (fieldSelector == null || fieldSelector.isBlank()) {
      return s -> labels.test(s.labels());
    }
    if (fieldSelector.matches(
        "(metadata\\.(name|namespace)==?[^,=!]*)(,metadata\\.(name|namespace)==?[^,=!]*)?")) {
      String name = Selectors.pinned(fieldSelector, "metadata.name");
      String namespace = Selectors.pinned(fieldSelector, "metadata.namespace");
      return s ->
          labels.test(s.labels())
              && (name == null || name.equals(s.name()))
              && (namespace == null || namespace.equals(s.namespace()));
    }
    Predicate<JsonNode> fields = Selectors.fields(fieldSelector);
    return s -> labels.test(s.labels()) && fields.test(s.tree());
  }

  Written create(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
    requireKind(type, body);
    requireNamespace(type, namespace, body);
    return store.exclusive(() -> {
      var prepared = ObjectRules.prepare(type, namespace, null, body, "", checked(options));
      String name = prepared.object().at("/metadata/name").asText();
      if (store.get(type.storageKey(), scope(type, namespace), name) != null) {
        throw ApiError.alreadyExists(type, name);
      }
      if (options.dryRun()) {
        return new Written(
            Stored.of(prepared.object(), store.revision()), 201, prepared.warnings());
      }
      Stored stored = store.save(type.storageKey(), prepared.object());
      saved(type, prepared.object());
      return new Written(stored, 201, prepared.warnings());
    });
  }

  Written replace(
      ResourceType type,
      String namespace,
      String name,
      ObjectNode body,
      String subresource,
      WriteOptions options) {
    requireKind(type, body);
    requireNamespace(type, namespace, body);
    String bodyName = body.at("/metadata/name").asText("");
    if (!bodyName.equals(name)) {
      throw ApiError.badRequest(
          "the name of the object (%s) does not match the name on the URL (%s)"
              .formatted(bodyName, name));
    }
    return store.exclusive(() -> {
      Stored current = get(type, namespace, name);
      return write(type, namespace, current, body, subresource, options);
    });
  }

  Written patch(
      ResourceType type,
      String namespace,
      String name,
      String patchType,
      JsonNode patch,
      String subresource,
      WriteOptions options) {
    return store.exclusive(() -> {
      Stored current = store.get(type.storageKey(), scope(type, namespace), name);
      if (patchType.equals(Patches.APPLY_PATCH)) {
        return apply(type, namespace, name, current, patch, subresource, options);
      }
      if (current == null) {
        throw ApiError.notFound(type, name);
      }
      ObjectNode target = current.tree();
      ObjectNode candidate =
          switch (patchType) {
            case Patches.JSON_PATCH -> Patches.jsonPatch(target, patch);
            case Patches.MERGE_PATCH -> Patches.mergePatch(target, patch);
            case Patches.STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(target, patch);
            default -> throw ApiError.unsupportedMediaType(patchType, accepted(type));
          };
      return write(type, namespace, current, candidate, subresource, options);
    });
  }

  static List<String> accepted(ResourceType type) {
    return type.custom() ? Patches.CUSTOM : Patches.BUILTIN;
  }

  private Written apply(
      ResourceType type,
      String namespace,
      String name,
      Stored current,
      JsonNode patch,
      String subresource,
      WriteOptions options) {
    if (!(patch instanceof ObjectNode config)) {
      throw ApiError.badRequest("an applied configuration is an object");
    }
    if (options.fieldManager() == null || options.fieldManager().isBlank()) {
      throw ApiError.badRequest(
          "PATCH, application/apply-patch+yaml requires fieldManager to be set");
    }
    requireKind(type, config);
    requireNamespace(type, namespace, config);
    if (!config.at("/metadata/name").asText("").equals(name)) {
      throw ApiError.badRequest(
          "the name of the object (%s) does not match the name on the URL (%s)"
              .formatted(config.at("/metadata/name").asText(""), name));
    }
    ObjectNode applied =
        ServerSideApply.apply(
            current == null ? null : current.tree(),
            config,
            options.fieldManager(),
            type.apiVersion(),
            ObjectRules.now());
    if (current == null) {
      if (!subresource.isEmpty()) {
        throw ApiError.notFound(type, name);
      }
      var prepared = ObjectRules.prepare(type, namespace, null, applied, "", checked(options));
      if (options.dryRun()) {
        return new Written(
            Stored.of(prepared.object(), store.revision()), 201, prepared.warnings());
      }
      Stored stored = store.save(type.storageKey(), prepared.object());
      saved(type, prepared.object());
      return new Written(stored, 201, prepared.warnings());
    }
    return write(type, namespace, current, applied, subresource, options);
  }

  private Written write(
      ResourceType type,
      String namespace,
      Stored current,
      ObjectNode candidate,
      String subresource,
      WriteOptions options) {
    if (subresource.equals("status") && !type.statusSubresource()
        || !subresource.isEmpty() && !subresource.equals("status")) {
      throw ApiError.noSuchPath();
    }
    String asked = candidate.at("/metadata/resourceVersion").asText("");
    if (!asked.isEmpty() && !asked.equals(Long.toString(current.resourceVersion()))) {
      throw ApiError.conflict(type, current.name());
    }
    ObjectNode before = current.tree();
    var prepared =
        ObjectRules.prepare(type, namespace, before, candidate, subresource, checked(options));
    ObjectNode object = prepared.object();
    if (ObjectRules.unchanged(before, object)) {
      return new Written(current, 200, prepared.warnings());
    }
    if (options.dryRun()) {
      return new Written(Stored.of(object, current.resourceVersion()), 200, prepared.warnings());
    }
    if (object.at("/metadata/deletionTimestamp").isTextual()
        && object.at("/metadata/finalizers").isEmpty()) {
      return new Written(removeCascading(type, current), 200, prepared.warnings());
    }
    Stored stored = store.save(type.storageKey(), object);
    saved(type, object);
    return new Written(stored, 200, prepared.warnings());
  }

  /**
   * Deletes an object: at once when it has no finalizers, else it gets a deletionTimestamp and goes
   * when the last finalizer is removed (202).
   */
  Written delete(
      ResourceType type, String namespace, String name, JsonNode options, boolean dryRun) {
    return store.exclusive(() -> {
      Stored current = get(type, namespace, name);
      JsonNode preconditions = options == null ? null : options.get("preconditions");
      if (preconditions != null) {
        String version = Json.text(preconditions, "resourceVersion");
        String uid = Json.text(preconditions, "uid");
        ObjectNode tree = current.tree();
        if (version != null && !version.equals(Long.toString(current.resourceVersion()))
            || uid != null && !uid.equals(tree.at("/metadata/uid").asText())) {
          throw ApiError.conflict(type, name);
        }
      }
      if (dryRun) {
        return new Written(current, 200, List.of());
      }
      ObjectNode tree = current.tree();
      if (!tree.at("/metadata/finalizers").isEmpty()) {
        ObjectNode metadata = Json.with(tree, "metadata");
        if (!metadata.has("deletionTimestamp")) {
          metadata.put("deletionTimestamp", ObjectRules.now());
          metadata.put("deletionGracePeriodSeconds", 0);
          return new Written(store.save(type.storageKey(), tree), 202, List.of());
        }
        return new Written(current, 202, List.of());
      }
      return new Written(removeCascading(type, current), 200, List.of());
    });
  }

  /** Deletes every selected object of a collection; returns what was deleted. */
  List<Stored> deleteCollection(
      ResourceType type,
      String namespace,
      String labelSelector,
      String fieldSelector,
      boolean dryRun) {
    return store.exclusive(() -> {
      List<Stored> deleted = new ArrayList<>();
      for (Stored object : list(type, namespace, labelSelector, fieldSelector, 0, null).items()) {
        deleted.add(delete(type, object.namespace(), object.name(), null, dryRun).object());
      }
      return deleted;
    });
  }

  private Stored removeCascading(ResourceType type, Stored current) {
    Stored deleted = store.remove(type.storageKey(), current);
    if (type.kind().equals("Namespace") && type.group().isEmpty()) {
      for (String key : store.storageKeys()) {
        for (Stored object : store.all(key, current.name())) {
          store.remove(key, object);
        }
      }
    }
    if (ObjectRules.isCrd(type)) {
      ObjectNode crd = current.tree();
      for (ResourceType served : TypeRegistry.typesOf(crd)) {
        for (Stored object : store.all(served.storageKey(), null)) {
          store.remove(served.storageKey(), object);
        }
        store.closeWatches(served.storageKey());
      }
      types.stopServing(current.name());
    }
    return deleted;
  }

  private void saved(ResourceType type, ObjectNode object) {
    if (ObjectRules.isCrd(type)) {
      types.serve(object);
    }
  }

  private WriteOptions checked(WriteOptions options) {
    return schemaValidation ? options : options.withoutSchemaValidation();
  }

  private static void requireKind(ResourceType type, ObjectNode body) {
    String kind = Json.text(body, "kind");
    if (kind != null && !kind.equals(type.kind())) {
      throw ApiError.badRequest(
          "the kind in the data (%s) does not match the kind of %s (%s)"
              .formatted(kind, type.groupResource(), type.kind()));
    }
  }

  private static void requireNamespace(ResourceType type, String namespace, ObjectNode body) {
    String given = body.at("/metadata/namespace").asText("");
    if (type.namespaced() && !given.isEmpty() && !given.equals(namespace)) {
      throw ApiError.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
  }

  private static String scope(ResourceType type, String namespace) {
    return type.namespaced() ? namespace : "";
  }
}
