package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import dev.shopset.watcher.domain.RolloutMemory.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rollout state machine: turns successive observations of a Deployment into rollout events.
 * Each rollout (a Deployment revision) gives one started event, progress events at most once per
 * interval, and one final event: succeeded, failed, or rolled back.
 */
public final class RolloutTracker {

  /** RolloutFailed reason when a newer revision replaced a rollout before it finished. */
  public static final String SUPERSEDED = "Superseded";

  /** The events of one observation and the memory to persist once they are published. */
  public record Step(List<RolloutEvent> events, RolloutMemory memory) {}

  private record Progress(Instant at, ReplicaCounts counts) {}

  private final Duration progressInterval;
  private final Map<String, RolloutMemory> memories = new ConcurrentHashMap<>();
  private final Map<String, Progress> progress = new ConcurrentHashMap<>();

  public RolloutTracker(Duration progressInterval) {
    this.progressInterval = progressInterval;
  }

  /**
   * Observes a Deployment.
   *
   * @param persisted the memory persisted on the Deployment, used when this process has none
   */
  public Step observe(DeploymentObservation d, RolloutMemory persisted, Instant now) {
    String key = d.key();
    RolloutMemory memory = memories.getOrDefault(key, persisted);
    List<RolloutEvent> events = new ArrayList<>();
    if (memory == null) {
      if (d.complete()) {
        // A steady Deployment seen for the first time: nothing is rolling out.
        memory = new RolloutMemory(d.revision(), Phase.DONE, now, d.images(), d.images());
      } else {
        memory = start(d, new TreeMap<>(), now, events);
      }
    } else if (d.revision() != memory.revision()) {
      memory = newRevision(d, memory, now, events);
    }
    if (memory.phase() == Phase.RUNNING && memory.revision() == d.revision()) {
      memory = advance(d, memory, now, events);
    }
    memories.put(key, memory);
    return new Step(List.copyOf(events), memory);
  }

  private RolloutMemory newRevision(
      DeploymentObservation d, RolloutMemory memory, Instant now, List<RolloutEvent> events) {
    if (memory.phase() == Phase.RUNNING) {
      boolean backwards =
          d.revision() < memory.revision()
              || (!memory.imagesBefore().isEmpty() && memory.imagesBefore().equals(d.images()));
      Rollout abandoned = rollout(d, memory);
      if (backwards) {
        events.add(
            new RolloutRolledBack(
                abandoned, d.replicas(), d.revision(), now, millis(memory.startedAt(), now)));
        progress.remove(d.key());
        // The earlier template is what runs again: not a new rollout to announce.
        return new RolloutMemory(
            d.revision(), Phase.DONE, now, memory.imagesAfter(), memory.imagesBefore());
      }
      events.add(
          new RolloutFailed(
              abandoned,
              d.replicas(),
              now,
              millis(memory.startedAt(), now),
              SUPERSEDED,
              "Revision " + d.revision() + " replaced it before it completed."));
    }
    return start(d, memory.imagesAfter(), now, events);
  }

  private RolloutMemory start(
      DeploymentObservation d,
      SortedMap<String, String> imagesBefore,
      Instant now,
      List<RolloutEvent> events) {
    var memory = new RolloutMemory(d.revision(), Phase.RUNNING, now, imagesBefore, d.images());
    events.add(new RolloutStarted(rollout(d, memory), d.replicas()));
    progress.put(d.key(), new Progress(now, d.replicas()));
    return memory;
  }

  private RolloutMemory advance(
      DeploymentObservation d, RolloutMemory memory, Instant now, List<RolloutEvent> events) {
    Rollout rollout = rollout(d, memory);
    long duration = millis(memory.startedAt(), now);
    if (d.failed()) {
      events.add(
          new RolloutFailed(
              rollout, d.replicas(), now, duration, d.failureReason(), d.failureMessage()));
      progress.remove(d.key());
      return memory.done();
    }
    if (d.complete()) {
      events.add(new RolloutSucceeded(rollout, d.replicas(), now, duration));
      progress.remove(d.key());
      return memory.done();
    }
    Progress last = progress.get(d.key());
    boolean moved =
        last == null
            || last.counts().updated() != d.replicas().updated()
            || last.counts().available() != d.replicas().available();
    boolean due = last == null || !now.isBefore(last.at().plus(progressInterval));
    // The started event of this very observation already carries the counts.
    if (moved && due && events.isEmpty()) {
      events.add(new RolloutProgressing(rollout, d.replicas()));
      progress.put(d.key(), new Progress(now, d.replicas()));
    }
    return memory;
  }

  private static Rollout rollout(DeploymentObservation d, RolloutMemory memory) {
    return new Rollout(
        d.namespace(),
        d.deployment(),
        d.shopSet(),
        d.tier(),
        memory.revision(),
        memory.imagesBefore(),
        memory.imagesAfter(),
        d.slackChannel(),
        memory.startedAt());
  }

  /** Forgets a Deployment (deleted, or its events could not be published). */
  public void forget(String key) {
    memories.remove(key);
    progress.remove(key);
  }

  /** Forgets everything, as a fresh process would. */
  public void forgetAll() {
    memories.clear();
    progress.clear();
  }

  /** Whether two memories say the same. */
  public static boolean same(RolloutMemory a, RolloutMemory b) {
    return Objects.equals(a, b);
  }

  private static long millis(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis());
  }
}
