package dev.shopset.contracts.events;

/** How record keys are formed; consumers may parse them back. */
public final class Keys {
  private Keys() {}

  /** {@code namespace/name}: desired state and rollouts. */
  public static String object(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** {@code repository#branch}: renders, commits, sources and promotions. */
  public static String branch(String repository, String branch) {
    return repository + "#" + branch;
  }

  /**
   * {@code namespace/promotion} for a namespaced Promotion, {@code promotion} for a cluster-scoped
   * one: approvals.
   */
  public static String promotion(String namespace, String promotion) {
    return namespace == null || namespace.isEmpty() ? promotion : object(namespace, promotion);
  }
}
