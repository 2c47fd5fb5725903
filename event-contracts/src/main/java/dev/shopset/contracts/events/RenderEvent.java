package dev.shopset.contracts.events;

/**
 * On {@code shopset.renders}, keyed {@code systemRepository#branch}: what one ShopSet's files in
 * the system repository are to be.
 */
public sealed interface RenderEvent extends ShopSetEvent permits RenderResult, RenderRemoval {
  String namespace();

  String name();

  String systemRepository();

  String branch();

  /** The ShopSet's own directory, {@code shopsets/<namespace>/<name>}. */
  String directory();

  /** The ShopSet's Argo CD Application, {@code apps/<namespace>/<name>.yaml}. */
  String applicationFile();

  @Override
  default String subject() {
    return Keys.object(namespace(), name());
  }

  @Override
  default String key() {
    return Keys.branch(systemRepository(), branch());
  }

  /** {@code shopsets/<namespace>/<name>}. */
  static String directoryOf(String namespace, String name) {
    return "shopsets/" + namespace + "/" + name;
  }

  /**
   * {@code apps/<namespace>/<name>.yaml}: one directory per namespace, so no two (namespace, name)
   * pairs share a file (names are DNS-1123 labels, which hold no '/').
   */
  static String applicationFileOf(String namespace, String name) {
    return "apps/" + namespace + "/" + name + ".yaml";
  }

  /**
   * {@code config/<namespace>/<configuration>}: the submodule of a namespace's Configuration. A
   * Configuration of the same name in another namespace is another submodule.
   */
  static String configSubmoduleOf(String namespace, String configuration) {
    return "config/" + namespace + "/" + configuration;
  }

  /** The submodule every ShopSet of a tier branch shares: the app repository's base. */
  String BASE_SUBMODULE = "base";
}
