package dev.shopset.gitpusher.git;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.app.BranchCommitter;
import dev.shopset.gitpusher.app.SourceResolution;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.PinChange;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.testing.Branches;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.RecordedCommitEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single writer of a branch with a real JGit workspace and git host: a process killed between
 * commit and push, and a host that is down for a while.
 */
class BranchCommitterIT {

  @TempDir static Path root;
  static Fixtures git;
  static String app;
  static String config;
  static RemoteHeads heads;
  static SourceResolution resolution;

  final RecordedCommitEvents events = new RecordedCommitEvents();
  final List<CommitPushed> pushed = events.pushed;
  final List<CommitFailed> failed = events.failed;

  @BeforeAll
  static void start() {
    git = new Fixtures(root);
    app = git.appRepo("app");
    config = git.configRepo("config");
    heads = new RemoteHeads(git.credentials(root.resolve("no-secrets")));
    resolution = Branches.resolution(heads, root.resolve("sources"));
  }

  @AfterAll
  static void stop() {
    git.close();
  }

  BranchCommitter committer(SystemBranch workspace) {
    return committer(workspace, events);
  }

  BranchCommitter committer(SystemBranch workspace, CommitEvents events) {
    return Branches.committer(
        workspace,
        resolution,
        events,
        Branches.settings(
            Duration.ofMillis(100), 5, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))));
  }

  JGitSystemBranch open(Path dir, String system) {
    return Branches.open(dir, system, TIER, heads);
  }

  List<Work.Render> works(String system, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new Work.Render(render(system, app, config, "shop", "s" + i, 1, 1 + i % 3)))
        .toList();
  }

  @Test
  void aProcessKilledBetweenCommitAndPushPushesTheWorkAfterRestartOnce() throws Exception {
    String system = git.emptyRepo("system-killed");
    Path dir = root.resolve("ws-killed");
    List<Work.Render> delivered = works(system, 20);
    DiesBeforePush dying = new DiesBeforePush(open(dir, system));
    BranchCommitter first = committer(dying);
    delivered.forEach(first::submit);
    dying.committed.await();
    first.close(); // the kill: memory gone, nothing pushed, nothing acknowledged
    assertThat(delivered).noneMatch(w -> w.done().isDone());
    assertThat(git.head(system, TIER)).isNull();
    assertThat(pushed).isEmpty();
    Files.writeString(dir.resolve("refs/heads/" + TIER + ".lock"), "");
    Files.writeString(dir.resolve("packed-refs.lock"), "");
    Files.writeString(dir.resolve("objects/pack/insert_1.pack"), "PACK half-writ");

    // Restart: the workspace is reopened and Kafka redelivers every unacknowledged record.
    List<Work.Render> redelivered =
        delivered.stream().map(w -> new Work.Render(w.event())).toList();
    try (BranchCommitter second = committer(open(dir, system))) {
      redelivered.forEach(second::submit);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> redelivered.stream().allMatch(w -> w.done().isDone()));
    }
    assertThat(git.head(system, TIER)).isEqualTo(dying.commitBeforeDeath);
    assertThat(commitCount(system)).isEqualTo(1);
    assertThat(pushed)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.sha()).isEqualTo(dying.commitBeforeDeath);
          assertThat(p.shopSets())
              .containsExactlyInAnyOrderElementsOf(
                  IntStream.range(0, 20)
                      .mapToObj(i -> new ShopSetRef("shop", "s" + i, 1))
                      .toList());
        });
    assertThat(failed).isEmpty();
    assertThat(dir.resolve("packed-refs.lock")).doesNotExist();
  }

  @Test
  void aProcessKilledBetweenPushAndItsEventAnnouncesThePushAfterRestartOnce() throws Exception {
    String system = git.emptyRepo("system-unannounced");
    Path dir = root.resolve("ws-unannounced");
    List<Work.Render> delivered = works(system, 10);
    CountDownLatch publishing = new CountDownLatch(1);
    CommitEvents dying =
        new CommitEvents() {
          @Override
          public void pushed(CommitPushed event) {
            publishing.countDown();
            blockUntilKilled();
          }

          @Override
          public void failed(CommitFailed event) {
            failed.add(event);
          }
        };
    BranchCommitter first = committer(open(dir, system), dying);
    delivered.forEach(first::submit);
    publishing.await();
    first.close(); // pushed, but the event never reached Kafka and nothing was acknowledged
    String sha = git.head(system, TIER);
    assertThat(sha).isNotNull();
    assertThat(delivered).noneMatch(w -> w.done().isDone());

    List<Work.Render> redelivered =
        delivered.stream().map(w -> new Work.Render(w.event())).toList();
    List<Work.Render> resync = delivered.stream().map(w -> new Work.Render(w.event())).toList();
    try (BranchCommitter second = committer(open(dir, system))) {
      redelivered.forEach(second::submit);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> redelivered.stream().allMatch(w -> w.done().isDone()));
      resync.forEach(second::submit);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> resync.stream().allMatch(w -> w.done().isDone()));
    }
    assertThat(pushed)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.sha()).isEqualTo(sha);
          assertThat(p.shopSets()).hasSize(10);
        });
    assertThat(git.head(system, TIER)).isEqualTo(sha);
    assertThat(commitCount(system)).isEqualTo(1);
  }

  @Test
  void aHostThatIsDownIsRetriedWithBackoffAndTheBatchIsKept() {
    String system = git.emptyRepo("system-outage");
    List<Work.Render> delivered = works(system, 30);
    git.server.setAvailable(false);
    int requests = git.server.requests("system-outage");
    try (BranchCommitter committer = committer(open(root.resolve("ws-outage"), system))) {
      delivered.forEach(committer::submit);
      // Barrier: the host refused four attempts (with backoff between them); none finished a work.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> git.server.requests("system-outage") >= requests + 4);
      assertThat(delivered).noneMatch(w -> w.done().isDone());
      assertThat(failed).isEmpty();
      git.server.setAvailable(true);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> delivered.stream().allMatch(w -> w.done().isDone()));
    } finally {
      git.server.setAvailable(true);
    }
    assertThat(failed).isEmpty();
    assertThat(pushed).hasSize(commitCount(system));
    assertThat(pushed.stream().flatMap(p -> p.shopSets().stream()).map(ShopSetRef::name))
        .hasSize(30)
        .doesNotHaveDuplicates();
  }

  int commitCount(String system) {
    Path clone = root.resolve("count" + System.nanoTime());
    git.cli.git(root, "clone", "-q", "--bare", "-b", TIER, system, clone.toString());
    return Integer.parseInt(git.cli.git(clone, "rev-list", "--count", TIER).strip());
  }

  static void blockUntilKilled() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("killed");
  }

  /** A workspace whose process dies when it is about to push: the commit is on disk, no more. */
  static final class DiesBeforePush implements SystemBranch {
    final JGitSystemBranch delegate;
    final CountDownLatch committed = new CountDownLatch(1);
    volatile String commitBeforeDeath;

    DiesBeforePush(JGitSystemBranch delegate) {
      this.delegate = delegate;
    }

    @Override
    public Pushed push() {
      commitBeforeDeath = delegate.head().orElseThrow();
      committed.countDown();
      blockUntilKilled();
      return null;
    }

    @Override
    public void announced(String sha) {
      delegate.announced(sha);
    }

    @Override
    public String repository() {
      return delegate.repository();
    }

    @Override
    public String branch() {
      return delegate.branch();
    }

    @Override
    public void sync() throws GitFailure {
      delegate.sync();
    }

    @Override
    public void resetToRemote() throws GitFailure {
      delegate.resetToRemote();
    }

    @Override
    public Optional<String> commit(
        Changes changes, SourceHeads heads, Function<List<PinChange>, String> message)
        throws GitFailure {
      return delegate.commit(changes, heads, message);
    }

    @Override
    public Optional<String> head() {
      return delegate.head();
    }

    @Override
    public Map<String, Pin> pins() throws GitFailure {
      return delegate.pins();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
