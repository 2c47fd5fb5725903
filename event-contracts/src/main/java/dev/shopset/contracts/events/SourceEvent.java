package dev.shopset.contracts.events;

/** On {@code shopset.sources}, keyed {@code repository#branch}: news from a source repository. */
public sealed interface SourceEvent extends ShopSetEvent permits SourceChanged {}
