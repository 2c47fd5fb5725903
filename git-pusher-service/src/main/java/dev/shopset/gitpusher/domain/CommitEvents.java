package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;

/** Where the outcome of a batch goes ({@code shopset.commits}); returns once it is durable. */
public interface CommitEvents {
  void pushed(CommitPushed event);

  void failed(CommitFailed event);
}
