package dev.shopset.watcher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RolloutTrackerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final SortedMap<String, String> V1 =
      new TreeMap<>(java.util.Map.of("app", "shop:1"));
  private static final SortedMap<String, String> V2 =
      new TreeMap<>(java.util.Map.of("app", "shop:2"));

  private final RolloutTracker tracker = new RolloutTracker(Duration.ofSeconds(5));
  private RolloutMemory persisted;

  /** A Deployment of 3 replicas at generation/revision {@code rev}. */
  private static DeploymentObservation deployment(
      long rev, SortedMap<String, String> images, int updated, int available, int total) {
    return deployment(rev, images, updated, available, total, null);
  }

  private static DeploymentObservation deployment(
      long rev,
      SortedMap<String, String> images,
      int updated,
      int available,
      int total,
      String failure) {
    return new DeploymentObservation(
        "shop-a",
        "web",
        "eu-1",
        "gold",
        "#shop-a",
        rev,
        rev,
        rev,
        images,
        new ReplicaCounts(3, updated, available, available, 3 - available),
        total,
        failure,
        failure == null ? null : "ReplicaSet web-2 has timed out progressing.");
  }

  private List<RolloutEvent> observe(DeploymentObservation d, int secondsAfterStart) {
    var step = tracker.observe(d, persisted, T0.plusSeconds(secondsAfterStart));
    persisted = step.memory();
    return step.events();
  }

  private List<RolloutEvent> script(Object... steps) {
    List<RolloutEvent> all = new ArrayList<>();
    for (int i = 0; i < steps.length; i += 2) {
      all.addAll(observe((DeploymentObservation) steps[i], (Integer) steps[i + 1]));
    }
    return all;
  }

  @Test
  void aSteadyDeploymentSeenFirstIsNoRollout() {
    assertThat(observe(deployment(1, V1, 3, 3, 3), 0)).isEmpty();
  }

  @Test
  void newRevisionGivesStartedProgressingAndSucceededInOrder() {
    observe(deployment(1, V1, 3, 3, 3), 0);

    var events =
        script(
            deployment(2, V2, 0, 3, 3), 1,
            deployment(2, V2, 1, 3, 4), 7,
            deployment(2, V2, 2, 3, 4), 13,
            deployment(2, V2, 3, 3, 3), 20);

    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "RolloutStarted", "RolloutProgressing", "RolloutProgressing", "RolloutSucceeded");
    var started = (RolloutStarted) events.get(0);
    assertThat(started.rollout().revision()).isEqualTo(2);
    assertThat(started.rollout().imagesBefore()).isEqualTo(V1);
    assertThat(started.rollout().imagesAfter()).isEqualTo(V2);
    assertThat(started.rollout().shopSet()).isEqualTo("eu-1");
    assertThat(started.rollout().tier()).isEqualTo("gold");
    assertThat(started.rollout().slackChannel()).isEqualTo("#shop-a");
    assertThat(started.rollout().id()).isEqualTo("shop-a/web#2");
    var succeeded = (RolloutSucceeded) events.get(3);
    assertThat(succeeded.durationMs()).isEqualTo(19_000);
    assertThat(succeeded.rollout()).isEqualTo(started.rollout());
    assertThat(succeeded.replicas().updated()).isEqualTo(3);
  }

  @Test
  void progressIsThrottledPerRollout() {
    observe(deployment(1, V1, 3, 3, 3), 0);

    var events =
        script(
            deployment(2, V2, 0, 3, 3), 10,
            deployment(2, V2, 1, 3, 4), 11,
            deployment(2, V2, 2, 3, 4), 12,
            deployment(2, V2, 2, 2, 4), 16);

    assertThat(events).hasSize(2);
    assertThat(events.get(1)).isInstanceOf(RolloutProgressing.class);
    assertThat(events.get(1).replicas().updated())
        .as("the throttled progress carries the latest counts")
        .isEqualTo(2);
  }

  @Test
  void progressDeadlineExceededFailsTheRolloutOnce() {
    observe(deployment(1, V1, 3, 3, 3), 0);

    var events =
        script(
            deployment(2, V2, 1, 2, 4), 1,
            deployment(2, V2, 1, 2, 4, "ProgressDeadlineExceeded"), 600,
            deployment(2, V2, 1, 2, 4, "ProgressDeadlineExceeded"), 700);

    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RolloutStarted", "RolloutFailed");
    var failed = (RolloutFailed) events.get(1);
    assertThat(failed.reason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(failed.message()).contains("timed out");
    assertThat(failed.durationMs()).isEqualTo(599_000);
  }

  @Test
  void goingBackToThePreviousTemplateIsARollBack() {
    observe(deployment(1, V1, 3, 3, 3), 0);

    var events =
        script(
            deployment(2, V2, 1, 2, 4), 1,
            deployment(3, V1, 1, 2, 4), 30,
            deployment(3, V1, 3, 3, 3), 40);

    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RolloutStarted", "RolloutRolledBack");
    var rolledBack = (RolloutRolledBack) events.get(1);
    assertThat(rolledBack.rollout().revision()).isEqualTo(2);
    assertThat(rolledBack.toRevision()).isEqualTo(3);
  }

  @Test
  void aRevisionNumberGoingDownIsARollBack() {
    observe(deployment(4, V1, 3, 3, 3), 0);

    var events = script(deployment(5, V2, 1, 2, 4), 1, deployment(4, V2, 1, 2, 4), 2);

    assertThat(events.get(1)).isInstanceOf(RolloutRolledBack.class);
    assertThat(((RolloutRolledBack) events.get(1)).toRevision()).isEqualTo(4);
  }

  @Test
  void aNewerRevisionSupersedesARunningRollout() {
    observe(deployment(1, V1, 3, 3, 3), 0);
    var v3 = new TreeMap<>(java.util.Map.of("app", "shop:3"));

    var events = script(deployment(2, V2, 1, 2, 4), 1, deployment(3, v3, 0, 2, 4), 5);

    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RolloutStarted", "RolloutFailed", "RolloutStarted");
    assertThat(((RolloutFailed) events.get(1)).reason()).isEqualTo(RolloutTracker.SUPERSEDED);
    assertThat(((RolloutStarted) events.get(2)).rollout().imagesBefore()).isEqualTo(V2);
  }

  @Test
  void aRestartedTrackerContinuesFromThePersistedMemoryWithoutRepeats() {
    observe(deployment(1, V1, 3, 3, 3), 0);
    var started = script(deployment(2, V2, 1, 2, 4), 1);

    RolloutTracker restarted = new RolloutTracker(Duration.ofSeconds(5));
    var again = restarted.observe(deployment(2, V2, 1, 2, 4), persisted, T0.plusSeconds(3));
    var done = restarted.observe(deployment(2, V2, 3, 3, 3), again.memory(), T0.plusSeconds(9));
    var afterDone =
        new RolloutTracker(Duration.ofSeconds(5))
            .observe(deployment(2, V2, 3, 3, 3), done.memory(), T0.plusSeconds(99));

    assertThat(started).singleElement().isInstanceOf(RolloutStarted.class);
    assertThat(again.events())
        .as("no second started (progress may be reported)")
        .noneMatch(e -> e instanceof RolloutStarted || e.isFinal());
    assertThat(done.events()).singleElement().isInstanceOf(RolloutSucceeded.class);
    assertThat(((RolloutSucceeded) done.events().get(0)).rollout())
        .isEqualTo(((RolloutStarted) started.get(0)).rollout());
    assertThat(afterDone.events()).as("no second final").isEmpty();
  }

  @Test
  void aFirstSeenDeploymentThatIsRollingOutStartsARollout() {
    var events = script(deployment(1, V1, 0, 0, 0), 0, deployment(1, V1, 3, 3, 3), 5);

    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RolloutStarted", "RolloutSucceeded");
  }
}
