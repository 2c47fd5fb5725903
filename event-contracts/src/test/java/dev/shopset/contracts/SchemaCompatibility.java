package dev.shopset.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the changes between a released JSON Schema of an event type and its current one that break
 * a consumer: one built against the release reading new events, or one built against the current
 * version reading events still retained from the release (a compacted topic keeps them for good).
 *
 * <p>Breaking: a type removed; a field removed; a field retyped (type, format, map values); a new
 * required field; a field that became required or stopped being required; an enum narrowed or
 * widened (Jackson fails on an enum constant it does not know); a validation constraint changed.
 * Allowed: new types, new optional fields, descriptions and titles, and how the schema is laid out
 * ({@code $defs} and {@code $ref} are resolved before comparing).
 */
final class SchemaCompatibility {

  private static final Pattern VERSION = Pattern.compile("^(.*\\.v)(\\d+)$");
  private static final List<String> CONSTRAINTS =
      List.of(
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "pattern",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minProperties",
          "maxProperties");
  private static final int MAX_DEPTH = 64;

  /** One breaking change of one type. */
  record Break(String type, String release, String path, String problem) {

    /** What went wrong and what to do instead. */
    String message() {
      return type
          + (path.isEmpty() ? "" : " field " + path)
          + ": "
          + problem
          + ". A consumer of release "
          + release
          + " breaks on this; publish a new version instead ("
          + nextVersion(type)
          + ", beside "
          + type
          + " for a migration period) and keep "
          + type
          + " as released.";
    }

    @Override
    public String toString() {
      return message();
    }
  }

  private final String release;
  private final List<Break> breaks = new ArrayList<>();

  private SchemaCompatibility(String release) {
    this.release = release;
  }

  /**
   * The breaking changes from {@code released} to {@code current}, both by event type (e.g. {@code
   * dev.shopset.shopset-desired.v1}) to schema.
   */
  static List<Break> breaks(
      String release, Map<String, JsonNode> released, Map<String, JsonNode> current) {
    SchemaCompatibility check = new SchemaCompatibility(release);
    for (var entry : new java.util.TreeMap<>(released).entrySet()) {
      String type = entry.getKey();
      JsonNode now = current.get(type);
      if (now == null) {
        check.breaks.add(
            new Break(
                type,
                release,
                "",
                "the type is gone; consumers still read it from topics that retain it"));
      } else {
        check.compare(type, entry.getValue(), entry.getValue(), now, now, "", 0);
      }
    }
    return List.copyOf(check.breaks);
  }

  /** The next version of a type name: {@code dev.shopset.x.v1} gives {@code dev.shopset.x.v2}. */
  static String nextVersion(String type) {
    Matcher m = VERSION.matcher(type);
    return m.matches() ? m.group(1) + (Integer.parseInt(m.group(2)) + 1) : type + ".v2";
  }

  private void compare(
      String type,
      JsonNode oldRoot,
      JsonNode oldNode,
      JsonNode newRoot,
      JsonNode newNode,
      String path,
      int depth) {
    if (depth > MAX_DEPTH) {
      return; // a recursive type: what is below was compared on the way down
    }
    JsonNode was = resolve(oldRoot, oldNode);
    JsonNode is = resolve(newRoot, newNode);

    Set<String> oldTypes = types(was);
    Set<String> newTypes = types(is);
    if (!oldTypes.equals(newTypes)) {
      add(type, path, "retyped from " + describe(oldTypes) + " to " + describe(newTypes));
      return;
    }
    String oldFormat = was.path("format").asText(null);
    String newFormat = is.path("format").asText(null);
    if (!java.util.Objects.equals(oldFormat, newFormat)) {
      add(type, path, "format changed from " + describe(oldFormat) + " to " + describe(newFormat));
    }
    compareEnum(type, was, is, path);
    for (String constraint : CONSTRAINTS) {
      if (!java.util.Objects.equals(was.get(constraint), is.get(constraint))) {
        add(
            type,
            path,
            "constraint "
                + constraint
                + " changed from "
                + describe(was.get(constraint))
                + " to "
                + describe(is.get(constraint)));
      }
    }
    compareProperties(type, oldRoot, was, newRoot, is, path, depth);
    if (was.has("items") || is.has("items")) {
      if (!is.has("items") || !was.has("items")) {
        add(type, path, "the type of its items changed");
      } else {
        compare(type, oldRoot, was.get("items"), newRoot, is.get("items"), path + "[]", depth + 1);
      }
    }
    compareAdditional(type, oldRoot, was, newRoot, is, path, depth);
  }

  private void compareProperties(
      String type,
      JsonNode oldRoot,
      JsonNode was,
      JsonNode newRoot,
      JsonNode is,
      String path,
      int depth) {
    JsonNode oldProperties = was.path("properties");
    JsonNode newProperties = is.path("properties");
    Set<String> oldRequired = required(was);
    Set<String> newRequired = required(is);
    for (var property : oldProperties.properties()) {
      String name = property.getKey();
      String at = path.isEmpty() ? name : path + "." + name;
      JsonNode now = newProperties.get(name);
      if (now == null) {
        add(type, at, "removed");
        continue;
      }
      if (!oldRequired.contains(name) && newRequired.contains(name)) {
        add(type, at, "became required; events retained from before may lack it");
      } else if (oldRequired.contains(name) && !newRequired.contains(name)) {
        add(type, at, "is no longer required; readers of the release rely on it being there");
      }
      compare(type, oldRoot, property.getValue(), newRoot, now, at, depth + 1);
    }
    for (var property : newProperties.properties()) {
      String name = property.getKey();
      if (!oldProperties.has(name) && newRequired.contains(name)) {
        add(
            type,
            path.isEmpty() ? name : path + "." + name,
            "is new and required; events retained from before lack it (a new field must be"
                + " optional)");
      }
    }
  }

  private void compareAdditional(
      String type,
      JsonNode oldRoot,
      JsonNode was,
      JsonNode newRoot,
      JsonNode is,
      String path,
      int depth) {
    JsonNode oldValues = was.get("additionalProperties");
    JsonNode newValues = is.get("additionalProperties");
    boolean oldTyped = oldValues != null && oldValues.isObject();
    boolean newTyped = newValues != null && newValues.isObject();
    boolean oldClosed = oldValues != null && oldValues.isBoolean() && !oldValues.asBoolean();
    boolean newClosed = newValues != null && newValues.isBoolean() && !newValues.asBoolean();
    if (oldTyped && newTyped) {
      compare(type, oldRoot, oldValues, newRoot, newValues, path + ".*", depth + 1);
    } else if (oldTyped) {
      add(type, path + ".*", newClosed ? "map entries no longer allowed" : "map values untyped");
    } else if (newTyped && !oldClosed) {
      add(type, path + ".*", "other properties, any type before, are now limited");
    } else if (newClosed && !oldClosed) {
      add(type, path, "no longer allows other properties");
    }
  }

  private void compareEnum(String type, JsonNode was, JsonNode is, String path) {
    Set<String> oldValues = allowed(was);
    Set<String> newValues = allowed(is);
    if (oldValues == null && newValues == null) {
      return;
    }
    if (oldValues == null) {
      add(type, path, "was any value, is now limited to " + newValues + " (enum narrowed)");
      return;
    }
    if (newValues == null) {
      add(type, path, "was limited to " + oldValues + ", is now any value (enum widened)");
      return;
    }
    Set<String> dropped = new TreeSet<>(oldValues);
    dropped.removeAll(newValues);
    Set<String> added = new TreeSet<>(newValues);
    added.removeAll(oldValues);
    if (!dropped.isEmpty()) {
      add(type, path, "enum narrowed: " + dropped + " no longer allowed");
    }
    if (!added.isEmpty()) {
      add(
          type,
          path,
          "enum widened by " + added + "; readers of the release fail on a value they do not know");
    }
  }

  private void add(String type, String path, String problem) {
    breaks.add(new Break(type, release, path, problem));
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < MAX_DEPTH && current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#")) {
        throw new IllegalArgumentException("Only local $refs are compared, not " + ref);
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("Unresolvable $ref " + ref);
      }
      current = target;
    }
    return current;
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.get("type");
    if (type == null) {
      if (schema.has("properties")) {
        types.add("object");
      }
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else {
      types.add(type.asText());
    }
    return types;
  }

  private static Set<String> required(JsonNode schema) {
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    return required;
  }

  private static Set<String> allowed(JsonNode schema) {
    if (schema.has("const")) {
      return new TreeSet<>(Set.of(schema.get("const").toString()));
    }
    if (!schema.has("enum")) {
      return null;
    }
    Set<String> values = new TreeSet<>();
    schema.get("enum").forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
    return values;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof Set<?> set) {
      return set.isEmpty() ? "any" : String.join("|", set.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }
}
