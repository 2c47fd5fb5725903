package dev.shopset.watcher.kubernetes;

import dev.shopset.watcher.domain.Orphans;
import java.util.Map;

/** What {@code shopset.desired} holds now: the last placement of every ShopSet it carries. */
@FunctionalInterface
public interface PublishedDesiredState {

  /** Key ({@code namespace/name}) to last placement; throws when the topic cannot be read. */
  Map<String, Orphans.Placement> read();
}
