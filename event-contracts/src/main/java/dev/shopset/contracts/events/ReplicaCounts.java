package dev.shopset.contracts.events;

/** A Deployment's replica counts at one moment. */
public record ReplicaCounts(int desired, int updated, int ready, int available, int unavailable) {}
