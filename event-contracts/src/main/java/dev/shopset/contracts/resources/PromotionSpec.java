package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Move the app-repository head of {@code tier} to the Tier it promotes to. */
public record PromotionSpec(
    @Required
        @Pattern(Names.DNS1123_LABEL)
        @JsonPropertyDescription("The Tier whose code moves up to its promotesTo Tier.")
        String tier) {}
