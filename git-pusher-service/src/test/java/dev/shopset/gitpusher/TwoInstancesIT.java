package dev.shopset.gitpusher;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.desired;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static dev.shopset.gitpusher.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.kafka.RenderPartitions;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.GitHostTestResource;
import dev.shopset.gitpusher.testing.KafkaEvents;
import dev.shopset.gitpusher.testing.PlainGitPusher;
import dev.shopset.gitpusher.testing.Webhooks;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.GitAccess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two git-pusher instances in one consumer group on the real broker: this test's Quarkus
 * application (A) and a {@link PlainGitPusher} (B) built from the same classes. Work for a system
 * branch reaches whichever instance owns the branch's partition, and an instance stops writing a
 * branch before the other takes it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GitHostTestResource.class)
class TwoInstancesIT {

  @Inject Committers committers;
  @Inject RenderPartitions partitions;
  @Inject PinDirectory pins;

  static Fixtures git;
  static KafkaEvents kafka;
  PlainGitPusher other;

  @BeforeAll
  static void setUp() {
    git = GitHostTestResource.fixtures();
    kafka = new KafkaEvents(Topics.COMMITS);
  }

  @AfterAll
  static void tearDown() {
    kafka.close();
  }

  @AfterEach
  void stopTheOtherInstance() {
    if (other != null) {
      other.close();
      other = null;
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> partitions.owned().size() == 3);
  }

  /** Starts B and waits until the group has split the partitions between A and B. */
  PlainGitPusher startOther(String name, int maxPending) {
    other = new PlainGitPusher(git, git.root.resolve(name + "-" + System.nanoTime()), maxPending);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            !other.partitions.owned().isEmpty()
                && !partitions.owned().isEmpty()
                && other.partitions.owned().size() + partitions.owned().size() == 3);
    return other;
  }

  /**
   * A new empty system repository whose branch {@link Fixtures#TIER} is on a partition {@code
   * owner} accepts.
   */
  String systemRepoOn(String prefix, Predicate<Integer> owner) {
    for (int i = 0; ; i++) {
      String url = git.server.url(prefix + i);
      if (owner.test(RenderPartitions.partitionOf(url + "#" + TIER, 3))) {
        return git.emptyRepo(prefix + i);
      }
    }
  }

  static List<CommitPushed> pushed(String system) {
    return kafka.events(CommitPushed.class).stream()
        .filter(e -> e.systemRepository().equals(system))
        .toList();
  }

  static String lsTree(String system, String path) {
    Path clone = git.root.resolve("look" + System.nanoTime());
    git.cli.git(git.root, "clone", "-q", "--bare", "-b", TIER, system, clone.toString());
    return git.cli.git(clone, "ls-tree", TIER, path).split("\\s+")[2];
  }

  @Test
  void aSourceChangeReachesEverySystemBranchThatPinsItWhicheverInstanceHoldsIt() {
    String app = git.appRepo("app-two");
    String config = git.configRepo("config-two");
    startOther("route", 1000);
    String onA = systemRepoOn("system-a", p -> partitions.owned().contains(p));
    String onB = systemRepoOn("system-b", p -> other.partitions.owned().contains(p));
    kafka.send(
        Topics.DESIRED,
        List.of(
            desired("two", "on-a", tier("two-a", 0, TIER, null, app, onA), config),
            desired("two", "on-b", tier("two-b", 0, TIER, null, app, onB), config)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            pins.pinners(new SourceRef(app, TIER)).size() == 2
                && other.pins.pinners(new SourceRef(app, TIER)).size() == 2);
    kafka.send(
        Topics.RENDERS,
        List.of(
            render(onA, app, config, "two", "on-a", 1, 1),
            render(onB, app, config, "two", "on-b", 1, 1)));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> pushed(onA).size() == 1 && pushed(onB).size() == 1);
    assertThat(committers.all()).anyMatch(c -> c.id().equals(new BranchId(onA, TIER)));
    assertThat(other.writes(new BranchId(onB, TIER))).isTrue();
    assertThat(other.writes(new BranchId(onA, TIER))).isFalse();

    String old = git.head(app, TIER);
    String next = git.commitFiles(app, TIER, "release.txt", "v2\n");
    Webhooks.post(Webhooks.push(app, TIER, old, next), Webhooks.SECRET).statusCode(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> pushed(onA).size() == 2 && pushed(onB).size() == 2);
    assertThat(lsTree(onA, "base")).isEqualTo(next);
    assertThat(lsTree(onB, "base")).isEqualTo(next);
    assertThat(pushed(onB).get(1).summary()).startsWith("base: " + old.substring(0, 7));
  }

  @Test
  void revocationClosesTheWritersOfTheBranchesThatMovedAndTheNewOwnerBuildsOnTheirPush() {
    String app = git.appRepo("app-revoke");
    String config = git.configRepo("config-revoke");
    List<String> systems = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      int p = partition;
      systems.add(systemRepoOn("system-p" + p + "-", q -> q == p));
    }
    kafka.send(
        Topics.RENDERS,
        systems.stream().map(s -> render(s, app, config, "rev", "one", 1, 1)).toList());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> systems.stream().allMatch(s -> pushed(s).size() == 1));
    assertThat(systems)
        .allSatisfy(
            s -> assertThat(committers.all()).anyMatch(c -> c.id().equals(new BranchId(s, TIER))));

    startOther("revoke", 1000);
    Set<Integer> moved = other.partitions.owned();
    List<String> movedBranches =
        systems.stream()
            .filter(s -> moved.contains(RenderPartitions.partitionOf(s + "#" + TIER, 3)))
            .toList();
    assertThat(movedBranches).isNotEmpty();
    // A closed the writers of every branch whose partition moved, and only those.
    assertThat(committers.all())
        .noneMatch(c -> movedBranches.contains(c.id().repository()))
        .anyMatch(c -> systems.contains(c.id().repository()));

    String moving = movedBranches.get(0);
    kafka.send(Topics.RENDERS, List.of(render(moving, app, config, "rev", "one", 2, 3)));
    await().atMost(Duration.ofSeconds(60)).until(() -> pushed(moving).size() == 2);
    assertThat(other.writes(new BranchId(moving, TIER))).isTrue();
    assertThat(pushed(moving).get(1).shopSets()).containsExactly(new ShopSetRef("rev", "one", 2));
    Path clone = git.root.resolve("linear" + System.nanoTime());
    git.cli.git(git.root, "clone", "-q", "--bare", "-b", TIER, moving, clone.toString());
    assertThat(git.cli.git(clone, "rev-list", "--count", TIER).strip()).isEqualTo("2");
    assertThat(git.cli.git(clone, "rev-parse", TIER + "^").strip())
        .isEqualTo(pushed(moving).get(0).sha());
  }

  @Test
  void aFullBranchPausesOnlyItsPartitionAndResumesWhenDrained() {
    String app = git.appRepo("app-full");
    String config = git.configRepo("config-full");
    startOther("full", 5);
    int bPartition = other.partitions.owned().iterator().next();
    String slow = systemRepoOn("system-slow", p -> p == bPartition);
    String other2 = systemRepoOn("system-free", p -> p != bPartition);
    String slowName = slow.substring(slow.lastIndexOf('/') + 1, slow.length() - ".git".length());
    git.server.setMode(slowName, GitAccess.Mode.DOWN);
    try {
      kafka.send(Topics.RENDERS, List.of(render(slow, app, config, "full", "first", 1, 1)));
      await().atMost(Duration.ofSeconds(30)).until(() -> other.writes(new BranchId(slow, TIER)));
      List<RenderResult> many =
          IntStream.range(0, 20)
              .mapToObj(i -> render(slow, app, config, "full", "s" + i, 1, 1))
              .toList();
      kafka.send(Topics.RENDERS, many);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> other.flow.held().contains(bPartition) && other.paused().contains(bPartition));
      // another partition keeps flowing
      kafka.send(Topics.RENDERS, List.of(render(other2, app, config, "full", "free", 1, 1)));
      await().atMost(Duration.ofSeconds(60)).until(() -> pushed(other2).size() == 1);
      assertThat(other.paused()).containsOnly(bPartition);
    } finally {
      git.server.setMode(slowName, GitAccess.Mode.NORMAL);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            pushed(slow).stream().flatMap(p -> p.shopSets().stream()).distinct().count() == 21);
    await().atMost(Duration.ofSeconds(30)).until(() -> other.paused().isEmpty());
    assertThat(other.flow.held()).isEmpty();
  }
}
