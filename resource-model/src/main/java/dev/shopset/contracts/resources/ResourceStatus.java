package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Status of a Tier or Configuration: what generation was seen and what holds for it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceStatus(Long observedGeneration, List<Condition> conditions) {}
