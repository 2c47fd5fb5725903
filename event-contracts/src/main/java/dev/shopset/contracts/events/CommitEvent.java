package dev.shopset.contracts.events;

import java.util.List;

/**
 * On {@code shopset.commits}, keyed {@code systemRepository#branch}: what became of the changes for
 * a system branch.
 */
public sealed interface CommitEvent extends ShopSetEvent
    permits CommitPushed, CommitFailed, RenderRefused {
  String systemRepository();

  String branch();

  /** The ShopSets (at their generations) the commit carries or would have carried. */
  List<ShopSetRef> shopSets();

  @Override
  default String subject() {
    return key();
  }

  @Override
  default String key() {
    return Keys.branch(systemRepository(), branch());
  }
}
