package dev.shopset.contracts.resources;

/**
 * What a Configuration declares: the repository (with the same tier branches) and directory of its
 * Kustomize component.
 */
public record ConfigurationSpec(
    @io.fabric8.generator.annotation.Required RepositoryRef repository) {}
