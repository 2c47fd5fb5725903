package dev.shopset.gitpusher.testing;

import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.app.BranchCommitter;
import dev.shopset.gitpusher.app.BranchHealth;
import dev.shopset.gitpusher.app.CommitterSettings;
import dev.shopset.gitpusher.app.SourceResolution;
import dev.shopset.gitpusher.domain.BranchFlow;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.CommitMessage;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.SourcePlan;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.TierDirectory;
import dev.shopset.gitpusher.git.JGitSystemBranch;
import dev.shopset.gitpusher.git.JGitSystemBranches;
import dev.shopset.gitpusher.git.RemoteHeads;
import dev.shopset.gitpusher.git.SourceBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** System branches opened, and commits made, as the branch writer does, for tests of the parts. */
public final class Branches {

  private Branches() {}

  /** Opens the clone of {@code url#branch} in {@code dir}, committing as {@code Pusher <p@x>}. */
  public static JGitSystemBranch open(Path dir, String url, String branch, RemoteHeads heads) {
    return open(dir, url, branch, heads, "Pusher", "p@x");
  }

  /** Opens the clone of {@code url#branch} in {@code dir}. */
  public static JGitSystemBranch open(
      Path dir, String url, String branch, RemoteHeads heads, String name, String email) {
    return new JGitSystemBranches(dir.getParent(), heads, name, email)
        .open(dir, new BranchId(url, branch));
  }

  /** Writer settings for tests: short waits everywhere. */
  public static CommitterSettings settings(Duration window, int maxRejections, Backoff backoff) {
    return new CommitterSettings(
        window,
        window,
        500,
        maxRejections,
        backoff,
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)),
        1000,
        Duration.ofMillis(500));
  }

  /** A started writer of {@code branch} that nothing holds back. */
  public static BranchCommitter committer(
      SystemBranch branch,
      SourceResolution resolution,
      CommitEvents events,
      CommitterSettings settings) {
    return new BranchCommitter(
            branch,
            resolution,
            events,
            settings,
            BranchFlow.NONE,
            new BranchHealth(),
            new AtomicLong())
        .start();
  }

  /** Sources resolved by {@code ls-remote}; no tier is known, so no branch is created. */
  public static SourceResolution resolution(RemoteHeads heads, Path scratch) {
    return new SourceResolution(
        new SourceBranches(heads, new TierDirectory(), scratch), Duration.ofSeconds(30));
  }

  /** Resolves the sources the changes pin anew, then commits them; throws a source's failure. */
  public static Optional<String> commit(
      SystemBranch branch, SourceResolution resolution, Changes changes) throws GitFailure {
    SourceResolution.Resolved resolved;
    try {
      resolved = resolution.resolve(SourcePlan.needed(changes.renders(), branch.pins()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (resolved.firstFailure().isPresent()) {
      throw resolved.firstFailure().get();
    }
    return branch.commit(
        changes,
        resolved.heads(),
        pins -> CommitMessage.of(branch.branch(), changes.renders(), pins));
  }
}
