package dev.shopset.local.kubernetes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource path of the Kubernetes API, e.g. {@code
 * /apis/shopset.dev/v1alpha1/namespaces/shops/shopsets/eu/status}.
 *
 * @param namespace null for a cluster-scoped object or a list across namespaces
 * @param name null for a collection
 * @param subresource "" for the object itself
 * @param watch the deprecated {@code /watch/} prefix was used
 */
record RequestPath(
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource,
    boolean watch) {

  /** The resource path in {@code path}, or null when it names none (discovery, other paths). */
  static RequestPath parse(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
      }
    }
    String group;
    int at;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      at = 1;
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      at = 2;
    } else {
      return null;
    }
    String version = segments.get(at);
    List<String> rest = segments.subList(at + 1, segments.size());
    boolean watch = !rest.isEmpty() && rest.get(0).equals("watch");
    if (watch) {
      rest = rest.subList(1, rest.size());
    }
    if (rest.isEmpty()) {
      return null;
    }
    boolean namespacesCollection = rest.get(0).equals("namespaces");
    boolean namespaceSubresource =
        group.isEmpty()
            && rest.size() == 3
            && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
    if (namespacesCollection && rest.size() >= 3 && !namespaceSubresource) {
      // namespaces/{ns}/{resource}[/{name}[/{subresource}]]
      if (rest.size() > 5) {
        return null;
      }
      return new RequestPath(
          group,
          version,
          rest.get(1),
          rest.get(2),
          rest.size() > 3 ? rest.get(3) : null,
          rest.size() > 4 ? rest.get(4) : "",
          watch);
    }
    if (rest.size() > 3) {
      return null;
    }
    return new RequestPath(
        group,
        version,
        null,
        rest.get(0),
        rest.size() > 1 ? rest.get(1) : null,
        rest.size() > 2 ? rest.get(2) : "",
        watch);
  }
}
