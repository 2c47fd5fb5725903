package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.List;

/** The patch formats of the Kubernetes API, applied to an object's JSON. */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  /** What a real server accepts for a custom resource (no strategic merge patch). */
  static final List<String> CUSTOM = List.of(JSON_PATCH, MERGE_PATCH, APPLY_PATCH);

  /** What a real server accepts for a built-in kind. */
  static final List<String> BUILTIN =
      List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH);

  private Patches() {}

  /** RFC 6902: a list of operations (add, remove, replace, move, copy, test). */
  static ObjectNode jsonPatch(ObjectNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw ApiError.badRequest("a JSON patch is a list of operations");
    }
    try {
      JsonNode result = JsonPatch.apply(patch, target);
      if (!(result instanceof ObjectNode object)) {
        throw ApiError.badRequest("the JSON patch does not leave an object");
      }
      return object;
    } catch (JsonPatchException | IllegalArgumentException e) {
      // A failed "test" operation is how clients ask for a precondition: a conflict, not a 500.
      throw new ApiError(
          422,
          "Invalid",
          "the JSON patch cannot be applied: " + e.getMessage(),
          null,
          null,
          null,
          List.of());
    }
  }

  /** RFC 7386: objects merge, null removes, anything else (lists too) replaces. */
  static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiError.badRequest("a merge patch is an object");
    }
    return (ObjectNode) merge(target, patch);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
    for (var field : patch.properties()) {
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
