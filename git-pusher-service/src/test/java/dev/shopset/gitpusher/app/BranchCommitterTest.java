package dev.shopset.gitpusher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.BranchFlow;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.PinChange;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SourceResolver;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.domain.WorkRefused;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.RecordedCommitEvents;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The retry decisions of the branch writer, with a scripted workspace. */
class BranchCommitterTest {

  final RecordedCommitEvents events = new RecordedCommitEvents();
  final List<CommitPushed> pushed = events.pushed;
  final List<CommitFailed> failed = events.failed;

  /** Source repositories that answer with a head, except those listed as gone (404). */
  static final class Sources implements SourceResolver {
    final java.util.Set<String> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, String> heads(String url) {
      return Map.of();
    }

    @Override
    public Optional<String> headOrCreate(SourceRef source) throws GitFailure {
      if (gone.contains(source.url())) {
        throw new GitFailure(
            GitFailure.Kind.TERMINAL,
            FailureReason.RepositoryNotFound,
            source + ": the repository does not exist");
      }
      return Optional.of("a".repeat(40));
    }

    @Override
    public boolean descends(SourceRef source, String ancestor, String commit) {
      return true;
    }
  }

  final Sources sources = new Sources();
  final BranchHealth health = new BranchHealth();

  BranchCommitter committer(ScriptedWorkspace workspace) {
    return new BranchCommitter(
            workspace,
            new SourceResolution(sources, Duration.ofSeconds(5)),
            events,
            new CommitterSettings(
                Duration.ofMillis(20),
                Duration.ofMillis(20),
                500,
                3,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)),
                1000,
                Duration.ofSeconds(2)),
            BranchFlow.NONE,
            health,
            new AtomicLong(),
            dev.shopset.gitpusher.domain.CommitTracing.NONE,
            metrics)
        .start();
  }

  /** What the writer measured, in the order it measured it. */
  static final class RecordedMetrics implements PusherMetrics {
    final List<String> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<FailureReason> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<int[]> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void pushed(
        String branch, int files, int shopSets, int pins, long attemptNanos, long pushNanos) {
      assertThat(attemptNanos).isGreaterThanOrEqualTo(pushNanos);
      pushed.add(new int[] {files, shopSets, pins});
    }

    @Override
    public void rejected(String branch) {
      rejected.add(branch);
    }

    @Override
    public void failed(String branch, FailureReason reason) {
      failed.add(reason);
    }
  }

  final RecordedMetrics metrics = new RecordedMetrics();

  static Work.Render render(String name, long generation, String config) {
    return new Work.Render(Fixtures.render("sys", "app", config, "ns", name, generation, 1));
  }

  @Test
  void aBranchThatKeepsMovingIsReportedOnceAndRetriedLaterWithItsBatchKept() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    for (int i = 0; i < 10; i++) {
      workspace.outcomes.add(rejected());
    }
    Work.Render work = Fixtures.work("eu", 4);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(work);
      await().atMost(Duration.ofSeconds(10)).until(() -> work.done().isDone());
    }
    assertThat(workspace.pushes.get()).isEqualTo(11);
    assertThat(work.done()).isCompletedWithValue(null);
    assertThat(metrics.rejected).as("every rejected push counted").hasSize(10);
    assertThat(metrics.failed)
        .as("each time the rejections ran out (reported once)")
        .containsExactly(FailureReason.RetriesExhausted, FailureReason.RetriesExhausted);
    assertThat(metrics.pushed).singleElement().satisfies(p -> assertThat(p[1]).isEqualTo(1));
    assertThat(failed)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.reason()).isEqualTo("RetriesExhausted");
          assertThat(f.shopSets()).containsExactly(new ShopSetRef("ns", "eu", 4));
        });
    assertThat(pushed).singleElement();
  }

  @Test
  void aTerminalFailureIsReportedOnceAndTheKeptBatchIsPushedWhenTheBranchRecovers() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    for (int i = 0; i < 3; i++) {
      workspace.outcomes.add(
          new GitFailure(
              GitFailure.Kind.TERMINAL, FailureReason.PermissionDenied, "no write access"));
    }
    Work.Render work = Fixtures.work("eu", 1);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(work);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> health.problems().containsKey(committer.id().key()));
      await().atMost(Duration.ofSeconds(10)).until(() -> work.done().isDone());
    }
    assertThat(workspace.pushes.get()).isEqualTo(4);
    assertThat(failed).extracting(CommitFailed::reason).containsExactly("PermissionDenied");
    assertThat(metrics.failed)
        .as("every failed attempt counted, not only the one reported")
        .containsExactly(
            FailureReason.PermissionDenied,
            FailureReason.PermissionDenied,
            FailureReason.PermissionDenied);
    assertThat(metrics.rejected).isEmpty();
    assertThat(pushed).singleElement();
    assertThat(health.problems()).isEmpty();
  }

  @Test
  void aShopSetWhoseSourceFailsIsHeldTheRestIsPushedAndItFollowsOnceTheSourceIsBack() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    sources.gone.add("https://git.example/gone.git");
    Work.Render held = render("held", 3, "https://git.example/gone.git");
    Work.Render fine = render("fine", 1, "https://git.example/fine.git");
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(held);
      committer.submit(fine);
      await().atMost(Duration.ofSeconds(10)).until(() -> fine.done().isDone());
      assertThat(held.done()).isNotDone();
      assertThat(pushed)
          .singleElement()
          .satisfies(
              p -> assertThat(p.shopSets()).containsExactly(new ShopSetRef("ns", "fine", 1)));
      // retried without a new render, reported once however often it is retried
      await().atMost(Duration.ofSeconds(10)).until(() -> workspace.syncs.get() >= 5);
      assertThat(failed)
          .singleElement()
          .satisfies(f -> {
            assertThat(f.reason()).isEqualTo("RepositoryNotFound");
            assertThat(f.shopSets()).containsExactly(new ShopSetRef("ns", "held", 3));
            assertThat(f.message()).contains("gone.git").contains("retried");
          });
      sources.gone.clear();
      await().atMost(Duration.ofSeconds(10)).until(() -> held.done().isDone());
    }
    assertThat(pushed)
        .hasSize(2)
        .last()
        .satisfies(p -> assertThat(p.shopSets()).containsExactly(new ShopSetRef("ns", "held", 3)));
    assertThat(failed).hasSize(1);
  }

  @Test
  void workThatCanNeverSucceedIsRefusedAndReportedAndTheBranchGoesOn() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    workspace.onCommit =
        new GitFailure(
            GitFailure.Kind.INVALID, FailureReason.InvalidGitmodules, ".gitmodules is broken");
    Work.Render refused = Fixtures.work("eu", 2);
    Work.Render later = Fixtures.work("us", 1);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(refused);
      await().atMost(Duration.ofSeconds(10)).until(() -> refused.done().isDone());
      workspace.onCommit = null;
      committer.submit(later);
      await().atMost(Duration.ofSeconds(10)).until(() -> later.done().isDone());
    }
    assertThat(refused.done())
        .isCompletedExceptionally()
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOf(WorkRefused.class)
        .withMessageContaining("InvalidGitmodules");
    assertThat(failed).extracting(CommitFailed::reason).containsExactly("InvalidGitmodules");
    assertThat(pushed)
        .singleElement()
        .satisfies(p -> assertThat(p.shopSets()).containsExactly(new ShopSetRef("ns", "us", 1)));
  }

  @Test
  void aShopSetCreatedAgainWhileItsOldSpecWaitsForTheBranchIsCommittedAtItsNewSpec() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    for (int i = 0; i < 1000; i++) {
      workspace.outcomes.add(
          new GitFailure(
              GitFailure.Kind.TERMINAL, FailureReason.PermissionDenied, "no write access"));
    }
    // "eu" at generation 4, then deleted and created again: the new object's generations restart
    Work.Render old = Fixtures.work("eu", 4);
    Work.Render created = Fixtures.work("eu", 1);
    Work.Render changed = Fixtures.work("eu", 2);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(old);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> health.problems().containsKey(committer.id().key()));
      // arrive while the batch holding generation 4 waits for the branch to recover
      committer.submit(created);
      committer.submit(changed);
      workspace.recover();
      await().atMost(Duration.ofSeconds(10)).until(() -> changed.done().isDone());
    }
    assertThat(pushed)
        .singleElement()
        .satisfies(p -> assertThat(p.shopSets()).containsExactly(new ShopSetRef("ns", "eu", 2)));
    assertThat(List.of(old, created, changed)).allSatisfy(w -> assertThat(w.done()).isDone());
  }

  @Test
  void aShopSetCreatedAgainWithTheSameFilesIsReportedCommittedAtItsNewGeneration() {
    ScriptedWorkspace workspace = new ScriptedWorkspace();
    Work.Render old = Fixtures.work("eu", 4);
    Work.Render again = Fixtures.work("eu", 1);
    try (BranchCommitter committer = committer(workspace)) {
      committer.submit(old);
      await().atMost(Duration.ofSeconds(10)).until(() -> old.done().isDone());
      // deleted and created again with the same spec, folded before it reached git: no file
      // changes, and a generation lower than the one announced before
      workspace.unchanged = true;
      committer.submit(again);
      await().atMost(Duration.ofSeconds(10)).until(() -> again.done().isDone());
    }
    assertThat(pushed)
        .extracting(p -> p.shopSets())
        .containsExactly(
            List.of(new ShopSetRef("ns", "eu", 4)), List.of(new ShopSetRef("ns", "eu", 1)));
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
    final AtomicInteger syncs = new AtomicInteger();
    volatile Changes lastChanges;
    volatile GitFailure onCommit;
    volatile String message;

    /** Pushes from now on succeed. */
    synchronized void recover() {
      outcomes.clear();
    }

    /** Commits nothing: every render is in git already. */
    volatile boolean unchanged;

    @Override
    public String repository() {
      return "https://git.example/system.git";
    }

    @Override
    public String branch() {
      return "tier-a";
    }

    @Override
    public void sync() {
      syncs.incrementAndGet();
    }

    @Override
    public void resetToRemote() {
      resets.incrementAndGet();
    }

    @Override
    public Optional<String> commit(
        Changes changes, SourceHeads heads, Function<List<PinChange>, String> text)
        throws GitFailure {
      if (onCommit != null) {
        throw onCommit;
      }
      if (unchanged || changes.renders().isEmpty() && changes.gitlinks().isEmpty()) {
        return Optional.empty();
      }
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
      if (message == null) {
        return new Pushed(null, List.of(), 0);
      }
      Pushed pushed = new Pushed("c".repeat(40), List.of(message), 3);
      message = null;
      return pushed;
    }

    @Override
    public void announced(String sha) {}

    @Override
    public Optional<String> head() {
      return unchanged ? Optional.of("c".repeat(40)) : Optional.empty();
    }

    @Override
    public Map<String, Pin> pins() {
      return Map.of();
    }

    @Override
    public void close() {}
  }
}
