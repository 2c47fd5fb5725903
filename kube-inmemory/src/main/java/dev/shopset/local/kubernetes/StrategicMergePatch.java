package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch, what {@code kubectl apply} and {@code kubectl edit} send for built-in
 * kinds: maps merge, and the lists Kubernetes merges by a key (containers by name, env by name,
 * ports by port, volume mounts by path, conditions by type, ...) merge item by item; other lists
 * are replaced. The directives kubectl writes ({@code $patch}, {@code $setElementOrder/}, {@code
 * $deleteFromPrimitiveList/}, {@code $retainKeys}) are honoured.
 */
final class StrategicMergePatch {

  /** Lists merged by key, by field name (the Kubernetes API types' patchMergeKey). */
  private static final Map<String, String> MERGE_KEYS =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("volumes", "name"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("env", "name"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("hostAliases", "ip"),
          Map.entry("conditions", "type"),
          Map.entry("ownerReferences", "uid"),
          Map.entry("topologySpreadConstraints", "topologyKey"));

  /** Lists of strings merged as sets. */
  private static final Set<String> MERGED_PRIMITIVES = Set.of("finalizers");

  private static final String ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  static ObjectNode apply(ObjectNode target, JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiError.badRequest("a strategic merge patch is an object");
    }
    JsonNode result = mergeObject(target, (ObjectNode) patch);
    return result instanceof ObjectNode object ? object : Json.object();
  }

  /** The merged object, or null when the patch deletes it ({@code $patch: delete}). */
  private static ObjectNode mergeObject(ObjectNode target, ObjectNode patch) {
    String directive = Json.text(patch, "$patch");
    if ("delete".equals(directive)) {
      return null;
    }
    if ("replace".equals(directive)) {
      return withoutDirectives(patch);
    }
    ObjectNode result = target == null ? Json.object() : target;
    for (var field : patch.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals("$patch") || name.equals("$retainKeys") || name.startsWith(ORDER)) {
        continue;
      }
      if (name.startsWith(DELETE_PRIMITIVES)) {
        String list = name.substring(DELETE_PRIMITIVES.length());
        if (result.get(list) instanceof ArrayNode items) {
          List<JsonNode> removed = new ArrayList<>();
          value.forEach(removed::add);
          ArrayNode kept = Json.array();
          items.forEach(item -> {
            if (!removed.contains(item)) {
              kept.add(item);
            }
          });
          result.set(list, kept);
        }
        continue;
      }
      if (value.isNull()) {
        result.remove(name);
      } else if (value.isObject()) {
        JsonNode current = result.get(name);
        ObjectNode merged =
            mergeObject(current instanceof ObjectNode o ? o : null, (ObjectNode) value);
        if (merged == null) {
          result.remove(name);
        } else {
          result.set(name, merged);
        }
      } else if (value.isArray()) {
        result.set(
            name, mergeList(name, result.get(name), (ArrayNode) value, patch.get(ORDER + name)));
      } else {
        result.set(name, value.deepCopy());
      }
    }
    // Order changes without content changes.
    for (var field : patch.properties()) {
      String name = field.getKey();
      if (name.startsWith(ORDER) && !patch.has(name.substring(ORDER.length()))) {
        String list = name.substring(ORDER.length());
        if (result.get(list) instanceof ArrayNode items) {
          result.set(list, reorder(items, field.getValue(), key(list, items)));
        }
      }
    }
    if (patch.get("$retainKeys") instanceof ArrayNode retain) {
      List<String> keep = new ArrayList<>();
      retain.forEach(k -> keep.add(k.asText()));
      result.retain(keep);
    }
    return result;
  }

  private static JsonNode mergeList(String name, JsonNode target, ArrayNode patch, JsonNode order) {
    for (JsonNode item : patch) {
      if (item.isObject() && "replace".equals(Json.text(item, "$patch"))) {
        ArrayNode replaced = Json.array();
        patch.forEach(i -> {
          if (!(i.isObject() && i.has("$patch"))) {
            replaced.add(i.deepCopy());
          }
        });
        return replaced;
      }
    }
    ArrayNode current = target instanceof ArrayNode array ? array : Json.array();
    boolean objects = !patch.isEmpty() && patch.get(0).isObject();
    if (!objects) {
      if (!MERGED_PRIMITIVES.contains(name)) {
        return patch.deepCopy();
      }
      ArrayNode union = current.deepCopy();
      patch.forEach(item -> {
        if (!contains(union, item)) {
          union.add(item);
        }
      });
      return order == null ? union : reorder(union, order, null);
    }
    String key = key(name, patch);
    if (key == null) {
      ArrayNode replaced = Json.array();
      patch.forEach(item -> replaced.add(withoutDirectives((ObjectNode) item)));
      return replaced;
    }
    ArrayNode result = current.deepCopy();
    for (JsonNode item : patch) {
      if (!(item instanceof ObjectNode entry)) {
        continue;
      }
      int index = indexOf(result, key, entry.get(key));
      if ("delete".equals(Json.text(entry, "$patch"))) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        JsonNode existing = result.get(index);
        result.set(index, mergeObject(existing instanceof ObjectNode o ? o : null, entry));
      } else {
        result.add(withoutDirectives(entry));
      }
    }
    return order == null ? result : reorder(result, order, key);
  }

  /** The merge key of a list, or null when it is replaced whole. */
  private static String key(String name, ArrayNode items) {
    if (name.equals("ports")) {
      for (JsonNode item : items) {
        if (item.has("containerPort")) {
          return "containerPort";
        }
      }
      return "port";
    }
    return MERGE_KEYS.get(name);
  }

  /** Puts the items named in {@code order} first, in that order; the others follow as they were. */
  private static ArrayNode reorder(ArrayNode items, JsonNode order, String key) {
    List<JsonNode> rest = new ArrayList<>();
    items.forEach(rest::add);
    ArrayNode result = Json.array();
    for (JsonNode wanted : order) {
      for (int i = 0; i < rest.size(); i++) {
        JsonNode item = rest.get(i);
        boolean same = key == null ? item.equals(wanted) : item.path(key).equals(wanted.path(key));
        if (same) {
          result.add(item);
          rest.remove(i);
          break;
        }
      }
    }
    rest.forEach(result::add);
    return result;
  }

  private static int indexOf(ArrayNode items, String key, JsonNode value) {
    for (int i = 0; i < items.size(); i++) {
      if (value != null && value.equals(items.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode items, JsonNode value) {
    for (JsonNode item : items) {
      if (item.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode withoutDirectives(ObjectNode object) {
    ObjectNode copy = Json.object();
    for (var field : object.properties()) {
      String name = field.getKey();
      if (name.startsWith("$")) {
        continue;
      }
      JsonNode value = field.getValue();
      copy.set(name, value instanceof ObjectNode o ? withoutDirectives(o) : value.deepCopy());
    }
    return copy;
  }
}
