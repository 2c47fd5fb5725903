package dev.shopset.gitpusher.testing;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.gitpusher.domain.CommitEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the commit events a branch writer publishes, for tests to look at. */
public final class RecordedCommitEvents implements CommitEvents {

  public final List<CommitPushed> pushed = new CopyOnWriteArrayList<>();
  public final List<CommitFailed> failed = new CopyOnWriteArrayList<>();

  @Override
  public void pushed(CommitPushed event) {
    pushed.add(event);
  }

  @Override
  public void failed(CommitFailed event) {
    failed.add(event);
  }
}
