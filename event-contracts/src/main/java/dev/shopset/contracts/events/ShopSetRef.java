package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A ShopSet at one generation, as carried by a commit. */
@JsonClassDescription("A ShopSet at one generation.")
public record ShopSetRef(
    @JsonPropertyDescription("The ShopSet's namespace.") String namespace,
    @JsonPropertyDescription("The ShopSet's name.") String name,
    @JsonPropertyDescription("The ShopSet's metadata.generation.") long generation) {
  public ShopSetRef {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
  }
}
