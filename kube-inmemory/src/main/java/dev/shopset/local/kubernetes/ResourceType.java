package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One kind the in-memory API serves at one version: a built-in kind, or a version of a
 * CustomResourceDefinition created through the API.
 *
 * @param schema the OpenAPI v3 schema of the whole object, or null for a built-in kind (its fields
 *     are not checked)
 * @param custom whether a CustomResourceDefinition defines it (validated, pruned, no strategic
 *     merge patch)
 * @param generation whether {@code metadata.generation} counts changes outside metadata and status
 */
record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean statusSubresource,
    boolean generation,
    boolean custom,
    JsonNode schema,
    List<PrinterColumn> columns) {

  /** A column of {@code kubectl get}, as in a CRD's {@code additionalPrinterColumns}. */
  record PrinterColumn(
      String name, String type, String format, String jsonPath, String description, int priority) {}

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Where its objects are stored: the same for every version of one resource. */
  String storageKey() {
    return plural + "." + group;
  }

  /** {@code shopsets.shopset.dev}, or {@code namespaces} for the core group, as errors name it. */
  String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  String listKind() {
    return kind + "List";
  }

  /**
   * The path of its collection, e.g. {@code /apis/shopset.dev/v1alpha1/namespaces/{ns}/shopsets}.
   */
  String collectionPath(String namespace) {
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return namespaced && namespace != null
        ? prefix + "/namespaces/" + namespace + "/" + plural
        : prefix + "/" + plural;
  }
}
