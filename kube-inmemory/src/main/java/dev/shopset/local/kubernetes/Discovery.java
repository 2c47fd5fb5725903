package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents of a real API server for the kinds served: {@code /api}, {@code /apis},
 * {@code /apis/<group>}, {@code /api/v1} and {@code /apis/<group>/<version>}, and the aggregated
 * form (apidiscovery.k8s.io/v2 and v2beta1) that kubectl asks for first.
 */
final class Discovery {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  private final TypeRegistry types;

  Discovery(TypeRegistry types) {
    this.types = types;
  }

  ObjectNode coreVersions(String serverAddress) {
    ObjectNode versions = Json.object().put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    versions
        .putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return versions;
  }

  ObjectNode groups() {
    ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    types
        .groupVersions()
        .forEach((group, versions) -> {
          if (!group.isEmpty()) {
            groups.add(group(group, versions));
          }
        });
    return list;
  }

  /** The group document, or null when the group is not served. */
  ObjectNode group(String name) {
    List<String> versions = types.groupVersions().get(name);
    if (versions == null || name.isEmpty()) {
      return null;
    }
    return group(name, versions).put("kind", "APIGroup").put("apiVersion", "v1");
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode group = Json.object().put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String version : versions) {
      list.addObject().put("groupVersion", name + "/" + version).put("version", version);
    }
    group
        .putObject("preferredVersion")
        .put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  /** The resource list of one group version, or null when it is not served. */
  ObjectNode resources(String group, String version) {
    List<ResourceType> served = served(group, version);
    if (served.isEmpty()) {
      return null;
    }
    ObjectNode list =
        Json.object()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType type : served) {
      ObjectNode resource =
          resources
              .addObject()
              .put("name", type.plural())
              .put("singularName", type.singular())
              .put("namespaced", type.namespaced())
              .put("kind", type.kind());
      strings(resource.putArray("verbs"), VERBS);
      if (!type.shortNames().isEmpty()) {
        strings(resource.putArray("shortNames"), type.shortNames());
      }
      if (!type.categories().isEmpty()) {
        strings(resource.putArray("categories"), type.categories());
      }
      if (type.statusSubresource()) {
        ObjectNode status =
            resources
                .addObject()
                .put("name", type.plural() + "/status")
                .put("singularName", "")
                .put("namespaced", type.namespaced())
                .put("kind", type.kind());
        strings(status.putArray("verbs"), STATUS_VERBS);
      }
    }
    return list;
  }

  /**
   * {@code /api} or {@code /apis} in the aggregated form, at apidiscovery.k8s.io/{@code version}.
   */
  ObjectNode aggregated(boolean core, String version) {
    ObjectNode list =
        Json.object()
            .put("kind", "APIGroupDiscoveryList")
            .put("apiVersion", "apidiscovery.k8s.io/" + version);
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (Map.Entry<String, List<String>> group : types.groupVersions().entrySet()) {
      if (group.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode metadata = item.putObject("metadata");
      if (!core) {
        metadata.put("name", group.getKey());
      }
      ArrayNode versions = item.putArray("versions");
      for (String v : group.getValue()) {
        ObjectNode entry = versions.addObject().put("version", v);
        ArrayNode resources = entry.putArray("resources");
        for (ResourceType type : served(group.getKey(), v)) {
          ObjectNode resource =
              resources
                  .addObject()
                  .put("resource", type.plural())
                  .put("scope", type.namespaced() ? "Namespaced" : "Cluster")
                  .put("singularResource", type.singular());
          kind(resource.putObject("responseKind"), type);
          strings(resource.putArray("verbs"), VERBS);
          if (!type.shortNames().isEmpty()) {
            strings(resource.putArray("shortNames"), type.shortNames());
          }
          if (!type.categories().isEmpty()) {
            strings(resource.putArray("categories"), type.categories());
          }
          if (type.statusSubresource()) {
            ObjectNode status = resource.putArray("subresources").addObject();
            status.put("subresource", "status");
            kind(status.putObject("responseKind"), type);
            strings(status.putArray("verbs"), STATUS_VERBS);
          }
        }
        entry.put("freshness", "Current");
      }
    }
    return list;
  }

  private List<ResourceType> served(String group, String version) {
    return types.all().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .sorted(Comparator.comparing(ResourceType::plural))
        .toList();
  }

  private static void kind(ObjectNode node, ResourceType type) {
    node.put("group", type.group()).put("version", type.version()).put("kind", type.kind());
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
