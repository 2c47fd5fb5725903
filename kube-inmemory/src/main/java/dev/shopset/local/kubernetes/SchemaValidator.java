package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.local.kubernetes.ApiError.Cause;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an API server does with a custom resource and its CRD's structural OpenAPI v3 schema: fills
 * in defaults, prunes fields the schema does not declare (reporting them, so strict field
 * validation can refuse them), and checks types, required fields, enums, patterns, lengths, bounds,
 * item counts and the simple CEL rules of the form {@code self in [...]}.
 */
final class SchemaValidator {

  /** What a validation found: field errors (422) and the pruned unknown fields. */
  record Result(List<Cause> errors, List<String> unknownFields) {}

  private static final Pattern SELF_IN = Pattern.compile("^\\s*self\\s+in\\s+\\[(.*)]\\s*$");
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private final List<Cause> errors = new ArrayList<>();
  private final List<String> unknown = new ArrayList<>();

  private SchemaValidator() {}

  /** Validates {@code object} in place (defaults added, unknown fields removed). */
  static Result validate(ObjectNode object, JsonNode schema) {
    SchemaValidator validator = new SchemaValidator();
    if (schema != null) {
      validator.object(object, schema, "", true);
    }
    return new Result(List.copyOf(validator.errors), List.copyOf(validator.unknown));
  }

  private void value(JsonNode value, JsonNode schema, String path, boolean prune) {
    if (!typeMatches(value, schema, path)) {
      return;
    }
    if (value.isObject()) {
      object((ObjectNode) value, schema, path, prune);
    } else if (value.isArray()) {
      array((ArrayNode) value, schema, path, prune);
    } else {
      scalar(value, schema, path);
    }
    enumAndRules(value, schema, path);
  }

  private void object(ObjectNode object, JsonNode schema, String path, boolean prune) {
    JsonNode properties = schema.path("properties");
    properties
        .properties()
        .forEach(p -> {
          JsonNode defaultValue = p.getValue().get("default");
          if (defaultValue != null && !object.has(p.getKey())) {
            object.set(p.getKey(), defaultValue.deepCopy());
          }
        });
    boolean keepUnknown =
        !prune
            || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
            || schema.path("additionalProperties").asBoolean(false);
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        it.hasNext(); ) {
      var field = it.next();
      String name = field.getKey();
      String child = path.isEmpty() ? name : path + "." + name;
      if (path.isEmpty() && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      if (field.getValue().isNull() && !properties.path(name).path("nullable").asBoolean(false)) {
        it.remove();
        continue;
      }
      JsonNode fieldSchema = properties.get(name);
      if (fieldSchema == null && additional != null && additional.isObject()) {
        fieldSchema = additional;
      }
      if (fieldSchema != null) {
        // Only the name rules of metadata are a CRD's to set; the rest is the server's.
        value(
            field.getValue(),
            fieldSchema,
            child,
            prune && !(path.isEmpty() && name.equals("metadata")));
      } else if (path.isEmpty() && name.equals("metadata")) {
        continue;
      } else if (!keepUnknown) {
        unknown.add(child);
        it.remove();
      }
    }
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        String child = path.isEmpty() ? required.asText() : path + "." + required.asText();
        errors.add(new Cause("FieldValueRequired", child, "Required value"));
      }
    }
  }

  private void array(ArrayNode array, JsonNode schema, String path, boolean prune) {
    int size = array.size();
    if (schema.has("minItems") && size < schema.get("minItems").asInt()) {
      invalid(
          path,
          array.size(),
          "should have at least %d items".formatted(schema.get("minItems").asInt()));
    }
    if (schema.has("maxItems") && size > schema.get("maxItems").asInt()) {
      errors.add(
          new Cause(
              "FieldValueTooMany",
              path,
              "Too many: %d: must have at most %d items"
                  .formatted(size, schema.get("maxItems").asInt())));
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < size; i++) {
        value(array.get(i), items, path + "[" + i + "]", prune);
      }
    }
  }

  private void scalar(JsonNode value, JsonNode schema, String path) {
    if (value.isTextual()) {
      String text = value.asText();
      int length = text.codePointCount(0, text.length());
      if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
        errors.add(
            new Cause(
                "FieldValueTooLong",
                path,
                "Too long: may not be more than %d bytes"
                    .formatted(schema.get("maxLength").asInt())));
      }
      if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
        invalid(
            path,
            value,
            "should be at least %d chars long".formatted(schema.get("minLength").asInt()));
      }
      if (schema.has("pattern")) {
        String pattern = schema.get("pattern").asText();
        if (!PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(text).find()) {
          invalid(path, value, "should match '" + pattern + "'");
        }
      }
    } else if (value.isNumber()) {
      double number = value.asDouble();
      if (schema.has("minimum")) {
        double minimum = schema.get("minimum").asDouble();
        boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
        if (exclusive ? number <= minimum : number < minimum) {
          invalid(
              path,
              value,
              "should be greater than %s%s"
                  .formatted(exclusive ? "" : "or equal to ", plain(minimum)));
        }
      }
      if (schema.has("maximum")) {
        double maximum = schema.get("maximum").asDouble();
        boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
        if (exclusive ? number >= maximum : number > maximum) {
          invalid(
              path,
              value,
              "should be less than %s%s"
                  .formatted(exclusive ? "" : "or equal to ", plain(maximum)));
        }
      }
    }
  }

  private void enumAndRules(JsonNode value, JsonNode schema, String path) {
    JsonNode values = schema.get("enum");
    if (values != null && values.isArray()) {
      boolean found = false;
      List<String> supported = new ArrayList<>();
      for (JsonNode allowed : values) {
        found |= allowed.equals(value);
        supported.add(allowed.toString());
      }
      if (!found) {
        errors.add(
            new Cause(
                "FieldValueNotSupported",
                path,
                "Unsupported value: %s: supported values: %s"
                    .formatted(value, String.join(", ", supported))));
      }
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      Matcher in = SELF_IN.matcher(rule.path("rule").asText());
      if (!in.matches()) {
        continue; // other CEL rules are not evaluated here
      }
      List<String> allowed = new ArrayList<>();
      for (String item : in.group(1).split(",")) {
        allowed.add(item.trim().replaceAll("^['\"]|['\"]$", ""));
      }
      if (!allowed.contains(value.asText())) {
        String message = rule.path("message").asText("failed rule: " + rule.path("rule").asText());
        errors.add(
            new Cause(
                "FieldValueInvalid", path, "Invalid value: %s: %s".formatted(value, message)));
        return;
      }
    }
  }

  private boolean typeMatches(JsonNode value, JsonNode schema, String path) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (value.isIntegralNumber() || value.isTextual()) {
        return true;
      }
      return typeError(value, path, "integer or string");
    }
    String type = schema.path("type").asText("");
    boolean ok =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isTextual();
          case "integer" ->
              value.isIntegralNumber() || (value.isNumber() && value.asDouble() % 1 == 0);
          case "number" -> value.isNumber();
          case "boolean" -> value.isBoolean();
          default -> true;
        };
    return ok || typeError(value, path, type);
  }

  private boolean typeError(JsonNode value, String path, String expected) {
    String actual =
        value.isObject()
            ? "object"
            : value.isArray()
                ? "array"
                : value.isTextual()
                    ? "string"
                    : value.isBoolean()
                        ? "boolean"
                        : value.isIntegralNumber() ? "integer" : "number";
    errors.add(
        new Cause(
            "FieldValueTypeInvalid",
            path,
            "Invalid value: \"%s\": %s in body must be of type %s: \"%s\""
                .formatted(actual, path, expected, actual)));
    return false;
  }

  private void invalid(String path, Object value, String rule) {
    String shown = value instanceof JsonNode node ? node.toString() : String.valueOf(value);
    errors.add(
        new Cause(
            "FieldValueInvalid",
            path,
            "Invalid value: %s: %s in body %s".formatted(shown, path, rule)));
  }

  private static String plain(double number) {
    return number % 1 == 0 ? Long.toString((long) number) : Double.toString(number);
  }
}
