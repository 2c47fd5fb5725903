package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Deployment's replica counts at one moment. */
@JsonClassDescription("A Deployment's replica counts at one moment.")
public record ReplicaCounts(
    @JsonPropertyDescription("Replicas the Deployment wants (spec.replicas).") int desired,
    @JsonPropertyDescription("Replicas running the new revision (status.updatedReplicas).")
        int updated,
    @JsonPropertyDescription("Replicas ready (status.readyReplicas).") int ready,
    @JsonPropertyDescription("Replicas available (status.availableReplicas).") int available,
    @JsonPropertyDescription("Replicas not available (status.unavailableReplicas).")
        int unavailable) {}
