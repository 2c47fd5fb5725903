package dev.shopset.shopctl;

/** The namespace a command works in. */
final class Namespaces {
  private Namespaces() {}

  /** {@code given}, else the kubeconfig context's namespace. */
  static String or(String given, Cluster cluster) {
    return given != null ? given : cluster.defaultNamespace();
  }
}
