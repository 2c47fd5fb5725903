package dev.shopset.local.kubernetes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The query parameters of a request (the first value of each). */
record Query(Map<String, String> values) {

  static Query parse(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.putIfAbsent(name, value);
      }
    }
    return new Query(Map.copyOf(values));
  }

  String get(String name) {
    return values.get(name);
  }

  boolean flag(String name) {
    String value = values.get(name);
    return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
  }

  long number(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("%s must be a number, not \"%s\"".formatted(name, value));
    }
  }

  WriteOptions writeOptions() {
    String validation = values.getOrDefault("fieldValidation", "Warn");
    if (!validation.matches("(?i)Strict|Warn|Ignore")) {
      throw ApiError.badRequest(
          "fieldValidation must be one of Strict, Warn or Ignore, not \"" + validation + "\"");
    }
    return new WriteOptions(
        "All".equals(values.get("dryRun")),
        validation,
        values.get("fieldManager"),
        flag("force"),
        true);
  }
}
