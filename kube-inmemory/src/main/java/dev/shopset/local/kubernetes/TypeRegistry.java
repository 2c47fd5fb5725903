package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds served: the built-in ones, and every served version of each CustomResourceDefinition
 * stored. Creating a CRD serves its kind; deleting it stops serving it, as on a real API server.
 */
final class TypeRegistry {

  private static final Pattern KUBE_VERSION = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

  private final List<ResourceType> builtins = BuiltinTypes.all();
  private final Map<String, List<ResourceType>> byCrd = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();
  private volatile Map<String, ResourceType> byPath = Map.of();

  TypeRegistry() {
    rebuild();
  }

  /** The kind served at {@code group/version/plural}, or null. */
  ResourceType find(String group, String version, String plural) {
    return byPath.get(group + "/" + version + "/" + plural);
  }

  /** Every kind served, grouped by group in discovery order. */
  List<ResourceType> all() {
    return List.copyOf(byPath.values());
  }

  /** Counts changes of what is served, so cached discovery and OpenAPI documents can follow. */
  long changes() {
    return changes.get();
  }

  ResourceType crdType() {
    return find("apiextensions.k8s.io", "v1", "customresourcedefinitions");
  }

  /** Serves the versions of {@code crd} (replacing what it served before). */
  void serve(JsonNode crd) {
    byCrd.put(crd.at("/metadata/name").asText(), typesOf(crd));
    rebuild();
  }

  void stopServing(String crdName) {
    byCrd.remove(crdName);
    rebuild();
  }

  /** The groups served, each with its versions, preferred first. */
  Map<String, List<String>> groupVersions() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceType type : byPath.values()) {
      List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
      if (!versions.contains(type.version())) {
        versions.add(type.version());
      }
    }
    groups.values().forEach(v -> v.sort(TypeRegistry::byPriority));
    return groups;
  }

  private synchronized void rebuild() {
    Map<String, ResourceType> map = new LinkedHashMap<>();
    List<ResourceType> types = new ArrayList<>(builtins);
    byCrd.values().forEach(types::addAll);
    for (ResourceType type : types) {
      map.putIfAbsent(type.group() + "/" + type.version() + "/" + type.plural(), type);
    }
    byPath = map;
    changes.incrementAndGet();
  }

  /** The served versions of a CRD, as kinds. */
  static List<ResourceType> typesOf(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String kind = names.path("kind").asText();
    String plural = names.path("plural").asText();
    String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
    List<String> shortNames = strings(names.path("shortNames"));
    List<String> categories = strings(names.path("categories"));
    boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(true)) {
        continue;
      }
      JsonNode schema = version.at("/schema/openAPIV3Schema");
      List<ResourceType.PrinterColumn> columns = new ArrayList<>();
      for (JsonNode column : version.path("additionalPrinterColumns")) {
        columns.add(
            new ResourceType.PrinterColumn(
                column.path("name").asText(),
                column.path("type").asText("string"),
                column.path("format").asText(""),
                column.path("jsonPath").asText(),
                column.path("description").asText(""),
                column.path("priority").asInt(0)));
      }
      types.add(
          new ResourceType(
              spec.path("group").asText(),
              version.path("name").asText(),
              kind,
              plural,
              singular.isEmpty() ? kind.toLowerCase(Locale.ROOT) : singular,
              namespaced,
              shortNames,
              categories,
              version.at("/subresources/status").isObject(),
              true,
              true,
              schema.isMissingNode() ? null : schema,
              columns));
    }
    types.sort(Comparator.comparing(ResourceType::version, TypeRegistry::byPriority));
    return types;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * Kubernetes version priority: GA before beta before alpha, higher numbers first, then
   * non-Kubernetes versions by name (v1 &gt; v1beta2 &gt; v1beta1 &gt; v1alpha1 &gt; foo).
   */
  static int byPriority(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      return ka == kb ? a.compareTo(b) : ka ? -1 : 1;
    }
    int stability = Integer.compare(stability(mb), stability(ma));
    if (stability != 0) {
      return stability;
    }
    int major = Integer.compare(Integer.parseInt(mb.group(1)), Integer.parseInt(ma.group(1)));
    if (major != 0 || ma.group(3) == null) {
      return major;
    }
    return Integer.compare(Integer.parseInt(mb.group(3)), Integer.parseInt(ma.group(3)));
  }

  private static int stability(Matcher version) {
    return version.group(2) == null ? 2 : version.group(2).equals("beta") ? 1 : 0;
  }
}
