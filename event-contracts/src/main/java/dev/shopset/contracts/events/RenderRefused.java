package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The renderer refused a ShopSet's desired state: nothing reaches git for it until it changes. The
 * watcher writes the reason into the ShopSet's {@code Rendered} condition; the record also stays on
 * the dead-letter topic of {@code shopset.desired}.
 *
 * @param shopSets the refused ShopSet (one), at the generation that was refused
 * @param reason a CamelCase word a machine can match: InvalidDesiredState, RenderTooLarge, …
 * @param message what is wrong and where (the field), for a person
 */
@JsonClassDescription(
    "The renderer refused a ShopSet's desired state; nothing reaches git for it until it changes.")
public record RenderRefused(
    @JsonPropertyDescription("Clone URL of the system repository the ShopSet renders to.")
        String systemRepository,
    @JsonPropertyDescription("The system branch (the Tier's branch).") String branch,
    @JsonPropertyDescription("The refused ShopSet (one), at the generation that was refused.")
        List<ShopSetRef> shopSets,
    @JsonPropertyDescription(
            "A CamelCase word a machine can match: InvalidDesiredState, RenderTooLarge,"
                + " RenderFailed, ...")
        String reason,
    @JsonPropertyDescription("What is wrong and where (the field), for a person.") String message)
    implements CommitEvent {
  public RenderRefused {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    shopSets = Require.list(shopSets);
    Require.present(reason, "reason");
    Require.present(message, "message");
  }
}
