package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Label selectors ({@code a=b,c!=d,e in (f,g),!h}) and field selectors ({@code metadata.name=x}).
 */
final class Selectors {

  private Selectors() {}

  /** A parsed label selector; null or blank selects everything. */
  static Predicate<Map<String, String>> labels(String selector) {
    if (selector == null || selector.isBlank()) {
      return labels -> true;
    }
    List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
    for (String requirement : splitTopLevel(selector)) {
      requirements.add(labelRequirement(requirement.trim(), selector));
    }
    return labels -> requirements.stream().allMatch(r -> r.test(labels));
  }

  private static Predicate<Map<String, String>> labelRequirement(String r, String selector) {
    if (r.startsWith("!")) {
      String key = r.substring(1).trim();
      return labels -> !labels.containsKey(key);
    }
    String[] setOp = r.split("\\s+(?=(in|notin)\\s*\\()", 2);
    if (setOp.length == 2) {
      String key = setOp[0].trim();
      String rest = setOp[1].trim();
      boolean in = rest.startsWith("in");
      int open = rest.indexOf('(');
      int close = rest.lastIndexOf(')');
      if (open < 0 || close < open) {
        throw ApiError.badRequest("unable to parse requirement: " + selector);
      }
      Set<String> values = Set.of(trimAll(rest.substring(open + 1, close).split(",")));
      return in
          ? labels -> labels.containsKey(key) && values.contains(labels.get(key))
          : labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
    }
    if (r.contains("!=")) {
      String[] kv = r.split("!=", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return labels -> !value.equals(labels.get(key));
    }
    if (r.contains("=")) {
      String[] kv = r.split("==?", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return labels -> value.equals(labels.get(key));
    }
    if (r.isEmpty() || r.contains(" ")) {
      throw ApiError.badRequest("unable to parse requirement: " + selector);
    }
    return labels -> labels.containsKey(r);
  }

  /** A parsed field selector over an object's JSON; null or blank selects everything. */
  static Predicate<JsonNode> fields(String selector) {
    if (selector == null || selector.isBlank()) {
      return object -> true;
    }
    List<Predicate<JsonNode>> requirements = new ArrayList<>();
    for (String requirement : selector.split(",")) {
      boolean negated = requirement.contains("!=");
      String[] kv = requirement.split(negated ? "!=" : "==?", 2);
      if (kv.length != 2) {
        throw ApiError.badRequest("invalid field selector: " + selector);
      }
      String pointer = "/" + kv[0].trim().replace('.', '/');
      String value = kv[1].trim();
      requirements.add(object -> {
        JsonNode found = object.at(pointer);
        String actual = found.isMissingNode() || found.isNull() ? "" : found.asText();
        return negated != actual.equals(value);
      });
    }
    return object -> requirements.stream().allMatch(r -> r.test(object));
  }

  /**
   * The name and namespace a field selector pins, if it pins them ({@code metadata.name=x}): such a
   * request needs no scan.
   */
  static String pinned(String selector, String field) {
    if (selector == null) {
      return null;
    }
    for (String requirement : selector.split(",")) {
      String[] kv = requirement.split("==?", 2);
      if (kv.length == 2 && !kv[0].endsWith("!") && kv[0].trim().equals(field)) {
        return kv[1].trim();
      }
    }
    return null;
  }

  /** Splits on commas outside parentheses. */
  private static List<String> splitTopLevel(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }

  private static String[] trimAll(String[] values) {
    String[] trimmed = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      trimmed[i] = values[i].trim();
    }
    return java.util.Arrays.stream(trimmed).distinct().toArray(String[]::new);
  }
}
