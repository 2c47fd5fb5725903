package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset of CRD printer columns: {@code .a.b}, {@code .a[0]}, {@code .a[*].b} and
 * filters such as {@code .status.conditions[?(@.type=="Ready")].status}.
 */
final class JsonPaths {

  private static final Pattern FILTER =
      Pattern.compile(
          "^\\?\\(@\\.([\\w.]+)\\s*(==|!=)\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s]+))\\)$");

  private JsonPaths() {}

  /** Every value {@code path} selects in {@code root}, in document order. */
  static List<JsonNode> find(JsonNode root, String path) {
    List<JsonNode> current = new ArrayList<>(List.of(root));
    String rest = path.trim();
    if (rest.startsWith("{") && rest.endsWith("}")) {
      rest = rest.substring(1, rest.length() - 1);
    }
    if (rest.startsWith("$")) {
      rest = rest.substring(1);
    }
    int i = 0;
    while (i < rest.length() && !current.isEmpty()) {
      char c = rest.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        String field = rest.substring(i + 1, end);
        if (!field.isEmpty()) {
          current = field(current, field);
        }
        i = end;
      } else if (c == '[') {
        int end = closing(rest, i);
        current = bracket(current, rest.substring(i + 1, end).trim());
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported JSONPath: " + path);
      }
    }
    return current;
  }

  private static List<JsonNode> field(List<JsonNode> nodes, String field) {
    List<JsonNode> next = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (field.equals("*")) {
        node.elements().forEachRemaining(next::add);
      } else if (node.has(field)) {
        next.add(node.get(field));
      }
    }
    return next;
  }

  private static List<JsonNode> bracket(List<JsonNode> nodes, String expression) {
    List<JsonNode> next = new ArrayList<>();
    Matcher filter = FILTER.matcher(expression);
    for (JsonNode node : nodes) {
      if (!node.isArray()) {
        continue;
      }
      if (expression.equals("*")) {
        node.forEach(next::add);
      } else if (filter.matches()) {
        String pointer = "/" + filter.group(1).replace('.', '/');
        boolean equal = filter.group(2).equals("==");
        String value =
            filter.group(3) != null
                ? filter.group(3)
                : filter.group(4) != null ? filter.group(4) : filter.group(5);
        for (JsonNode item : node) {
          JsonNode actual = item.at(pointer);
          if (!actual.isMissingNode() && actual.asText().equals(value) == equal) {
            next.add(item);
          }
        }
      } else if (expression.matches("-?\\d+")) {
        int index = Integer.parseInt(expression);
        int at = index < 0 ? node.size() + index : index;
        if (at >= 0 && at < node.size()) {
          next.add(node.get(at));
        }
      } else {
        throw new IllegalArgumentException("unsupported JSONPath: [" + expression + "]");
      }
    }
    return next;
  }

  private static int closing(String path, int open) {
    int depth = 0;
    for (int i = open; i < path.length(); i++) {
      if (path.charAt(i) == '[') {
        depth++;
      } else if (path.charAt(i) == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed [ in JSONPath: " + path);
  }
}
