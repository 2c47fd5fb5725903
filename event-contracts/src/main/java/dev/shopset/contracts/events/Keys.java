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
}
