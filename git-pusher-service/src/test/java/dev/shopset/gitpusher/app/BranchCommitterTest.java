package dev.shopset.gitpusher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.domain.Backoff;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.PinChange;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SourceResolver;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.RecordedCommitEvents;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The retry decisions of the branch writer, with a scripted workspace. */
class BranchCommitterTest {

  final RecordedCommitEvents events = new RecordedCommitEvents();
  final List<CommitPushed> pushed = events.pushed;
  final List<CommitFailed> failed = events.failed;

  /** Source branches that do not exist (yet): submodules are declared without a pin. */
  static final SourceResolution NO_SOURCES =
      new SourceResolution(
          new SourceResolver() {
            @Override
            public Map<String, String> heads(String url) {
              return Map.of();
            }

            @Override
            public Optional<String> headOrCreate(SourceRef source) {
              return Optional.empty();
            }
          },
          Duration.ofSeconds(1));

  BranchCommitter committer(ScriptedWorkspace workspace) {
    return new BranchCommitter(
            workspace,
            new BatchCollector(Duration.ofMillis(20), 500),
            NO_SOURCES,
            events,
            3,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)))
        .start();
  }

  @Test
  void aBranchThatKeepsMovingFailsAfterTheBoundedRetriesAndReleasesTheBatch() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    for (int i = 0; i < 10; i++) {
      workspace.outcomes.add(rejected());
    }
    Work.Render work = Fixtures.work("eu", 4);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(work);
      await().atMost(Duration.ofSeconds(10)).until(() -> work.done().isDone());
    }
    assertThat(workspace.pushes.get()).isEqualTo(4);
    assertThat(workspace.commits.get()).isEqualTo(4);
    assertThat(workspace.resets.get()).isEqualTo(1);
    assertThat(failed)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.reason()).isEqualTo("RetriesExhausted");
          assertThat(f.shopSets()).containsExactly(new ShopSetRef("ns", "eu", 4));
        });
    assertThat(pushed).isEmpty();
  }

  @Test
  void aTerminalFailureIsReportedOnceWithoutRetrying() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    workspace.outcomes.add(
        new GitFailure(
            GitFailure.Kind.TERMINAL, FailureReason.PermissionDenied, "no write access"));
    Work.Render work = Fixtures.work("eu", 1);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(work);
      await().atMost(Duration.ofSeconds(10)).until(() -> work.done().isDone());
    }
    assertThat(workspace.pushes.get()).isEqualTo(1);
    assertThat(failed).extracting(CommitFailed::reason).containsExactly("PermissionDenied");
  }

  @Test
  void transientFailuresAreRetriedWithTheSameBatchUntilThePushSucceeds() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    for (int i = 0; i < 6; i++) {
      workspace.outcomes.add(
          new GitFailure(
              GitFailure.Kind.TRANSIENT, FailureReason.Unavailable, "503 from the host"));
    }
    Work.Render eu = Fixtures.work("eu", 1);
    Work.Render us = Fixtures.work("us", 2);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(eu);
      committer.submit(us);
      await().atMost(Duration.ofSeconds(10)).until(() -> eu.done().isDone() && us.done().isDone());
    }
    assertThat(workspace.pushes.get()).isEqualTo(7);
    assertThat(workspace.lastChanges.renders()).extracting(r -> r.name()).contains("eu", "us");
    assertThat(failed).isEmpty();
    assertThat(pushed)
        .singleElement()
        .satisfies(p ->
            assertThat(p.shopSets())
                .containsExactly(new ShopSetRef("ns", "eu", 1), new ShopSetRef("ns", "us", 2)));
  }

  static GitFailure rejected() {
    return new GitFailure(
        GitFailure.Kind.REJECTED, FailureReason.NotFastForward, "the remote moved");
  }

  /** Each push takes the next scripted failure; with none left it succeeds. */
  static final class ScriptedWorkspace implements SystemBranch {
    final Deque<GitFailure> outcomes = new ArrayDeque<>();
    final AtomicInteger pushes = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    volatile Changes lastChanges;
    volatile String message;

    @Override
    public String repository() {
      return "https://git.example/system.git";
    }

    @Override
    public String branch() {
      return "tier-a";
    }

    @Override
    public void sync() {}

    @Override
    public void resetToRemote() {
      resets.incrementAndGet();
    }

    @Override
    public Optional<String> commit(
        Changes changes, SourceHeads heads, Function<List<PinChange>, String> text) {
      commits.incrementAndGet();
      lastChanges = changes;
      message = text.apply(List.of());
      return Optional.of("c".repeat(40));
    }

    @Override
    public synchronized Pushed push() throws GitFailure {
      pushes.incrementAndGet();
      GitFailure next = outcomes.poll();
      if (next != null) {
        throw next;
      }
      return new Pushed("c".repeat(40), List.of(message), 3);
    }

    @Override
    public void announced(String sha) {}

    @Override
    public Optional<String> head() {
      return Optional.empty();
    }

    @Override
    public Map<String, Pin> pins() {
      return Map.of();
    }

    @Override
    public void close() {}
  }
}
