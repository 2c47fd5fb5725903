package dev.shopset.contracts.events;

/** A ShopSet at one generation, as carried by a commit. */
public record ShopSetRef(String namespace, String name, long generation) {
  public ShopSetRef {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
  }
}
