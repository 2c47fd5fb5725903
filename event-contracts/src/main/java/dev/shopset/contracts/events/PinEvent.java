package dev.shopset.contracts.events;

/**
 * On {@code shopset.renders}, keyed {@code systemRepository#branch}: work for a system branch that
 * is not one ShopSet's render.
 */
public sealed interface PinEvent extends ShopSetEvent permits PinRequested {}
