package dev.shopset.contracts.events;

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
public record RenderRefused(
    String systemRepository,
    String branch,
    List<ShopSetRef> shopSets,
    String reason,
    String message)
    implements CommitEvent {
  public RenderRefused {
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    shopSets = Require.list(shopSets);
    Require.present(reason, "reason");
    Require.present(message, "message");
  }
}
