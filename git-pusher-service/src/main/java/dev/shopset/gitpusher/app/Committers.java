package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.SystemBranches;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system-branch writers of this instance, one per branch, opened on first use; {@link #reopen}
 * brings back those whose clones are on disk from an earlier run, so their pins and unpushed
 * commits are known before any render arrives.
 */
public final class Committers implements AutoCloseable {

  private final SystemBranches branches;
  private final CommitterSettings settings;
  private final SourceResolution resolution;
  private final CommitEvents events;
  private final Map<String, BranchCommitter> committers = new ConcurrentHashMap<>();

  public Committers(
      SystemBranches branches,
      CommitterSettings settings,
      SourceResolution resolution,
      CommitEvents events) {
    this.branches = branches;
    this.settings = settings;
    this.resolution = resolution;
    this.events = events;
  }

  /** The writer of a system branch, opened on first use. */
  public BranchCommitter committer(BranchId id) {
    return committers.computeIfAbsent(
        id.key(),
        key ->
            new BranchCommitter(
                    branches.open(id),
                    settings.collector(),
                    resolution,
                    events,
                    settings.maxRejections(),
                    settings.backoff())
                .start());
  }

  /** Opens the writers of every branch cloned on disk. */
  public void reopen() {
    branches.existing().forEach(this::committer);
  }

  /** Every open writer. */
  public Collection<BranchCommitter> all() {
    return List.copyOf(committers.values());
  }

  @Override
  public void close() {
    committers.values().forEach(BranchCommitter::close);
    committers.clear();
  }
}
