package dev.shopset.renderer.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small block-style YAML emitter with one way to write every value, so equal trees give equal
 * bytes: maps in insertion order, lists with "- " at the parent's indent, strings plain only when
 * YAML cannot read them as anything but that string, otherwise double-quoted with JSON-style
 * escapes.
 */
public final class YamlWriter {

  /** Plain scalars: {@code [A-Za-z_./][A-Za-z0-9._/:@+=-]*}, minus YAML's other readings. */
  private static final String PLAIN_CHARS = "._/:@+=-";

  private static final Set<String> RESERVED =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
          "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL");

  private static final int CACHE_LIMIT = 4096;
  private static final Map<String, String> ENCODED = new ConcurrentHashMap<>();

  private YamlWriter() {}

  /** One YAML document for {@code root}, ending with a newline. */
  public static String write(Map<String, ?> root) {
    StringBuilder out = new StringBuilder(4096);
    writeMap(out, root, 0);
    return out.toString();
  }

  /** A top-level sequence (e.g. a JSON 6902 patch), ending with a newline. */
  public static String write(List<?> root) {
    StringBuilder out = new StringBuilder(256);
    writeList(out, root, 0);
    return out.toString();
  }

  private static void writeMap(StringBuilder out, Map<String, ?> map, int indent) {
    boolean first = true;
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      if (!first) {
        indent(out, indent);
      }
      first = false;
      scalar(out, entry.getKey());
      out.append(':');
      writeValue(out, entry.getValue(), indent);
    }
  }

  private static void writeList(StringBuilder out, List<?> list, int indent) {
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        indent(out, indent);
      }
      first = false;
      out.append("- ");
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        writeMap(out, cast(map), indent + 2);
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        writeList(out, inner, indent + 2);
      } else {
        inline(out, item);
        out.append('\n');
      }
    }
  }

  private static void writeValue(StringBuilder out, Object value, int indent) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append('\n');
      indent(out, indent + 2);
      writeMap(out, cast(map), indent + 2);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      // Lists under a key sit at the key's indent, as kubectl and kustomize write them.
      out.append('\n');
      indent(out, indent);
      writeList(out, list, indent);
    } else {
      out.append(' ');
      inline(out, value);
      out.append('\n');
    }
  }

  private static void inline(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case Map<?, ?> map -> out.append("{}");
      case List<?> list -> out.append("[]");
      case Boolean b -> out.append(b);
      case Integer i -> out.append(i);
      case Long l -> out.append(l);
      case String s -> scalar(out, s);
      default ->
          throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName());
    }
  }

  /** Appends {@code s} as a plain scalar when that is unambiguous, else double-quoted. */
  static void scalar(StringBuilder out, String s) {
    String encoded = ENCODED.get(s);
    if (encoded == null) {
      encoded = encode(s);
      // Keys and fixed values repeat in every render; cap the cache so input cannot grow it.
      if (ENCODED.size() < CACHE_LIMIT && s.length() <= 128) {
        ENCODED.put(s, encoded);
      }
    }
    out.append(encoded);
  }

  private static String encode(String s) {
    if (isPlain(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    return out.toString();
  }

  static boolean isPlain(String s) {
    if (s.isEmpty() || (s.length() <= 5 && RESERVED.contains(s)) || s.endsWith(":")) {
      return false;
    }
    // ".5", ".inf", ".nan" are numbers; "../x" and "./x" are not.
    if (s.charAt(0) == '.' && s.length() > 1 && s.charAt(1) != '.' && s.charAt(1) != '/') {
      return false;
    }
    // Same as the PLAIN pattern, by hand: this runs for every scalar of every render.
    char first = s.charAt(0);
    if (!(isLetter(first) || first == '_' || first == '.' || first == '/')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isLetter(c) || (c >= '0' && c <= '9') || PLAIN_CHARS.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void indent(StringBuilder out, int n) {
    out.repeat(' ', n);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
