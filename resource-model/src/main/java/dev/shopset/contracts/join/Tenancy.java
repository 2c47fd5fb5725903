package dev.shopset.contracts.join;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * What the platform team allows, as the join needs it: the labels of the ShopSet's namespace (for
 * the Tier's namespace selector) and the repository policy.
 *
 * @param namespaceLabels the namespace's labels; {@code kubernetes.io/metadata.name} is always
 *     added, as the API server does
 */
public record Tenancy(Map<String, String> namespaceLabels, RepositoryPolicy repositories) {

  /** The label every namespace carries with its own name. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /** The tenancy of namespace {@code namespace}, with the labels it has (null: none known). */
  public static Tenancy of(String namespace, Map<String, String> labels, RepositoryPolicy policy) {
    java.util.Map<String, String> all = new java.util.TreeMap<>();
    if (labels != null) {
      all.putAll(labels);
    }
    all.put(NAMESPACE_NAME_LABEL, namespace);
    return new Tenancy(Map.copyOf(all), policy);
  }

  /**
   * Whether {@code selector} selects these namespace labels. A null selector selects nothing (a
   * Tier must say who may use it); an empty one selects every namespace, as in Kubernetes.
   */
  public boolean selectedBy(LabelSelector selector) {
    if (selector == null) {
      return false;
    }
    if (selector.getMatchLabels() != null) {
      for (var entry : selector.getMatchLabels().entrySet()) {
        if (!entry.getValue().equals(namespaceLabels.get(entry.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!matches(requirement)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean matches(LabelSelectorRequirement requirement) {
    String value = namespaceLabels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}
