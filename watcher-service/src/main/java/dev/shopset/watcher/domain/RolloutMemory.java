package dev.shopset.watcher.domain;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the watcher must remember of a Deployment's current rollout to report it exactly once across
 * restarts; persisted on the Deployment as an annotation.
 *
 * @param revision the revision of the rollout
 * @param phase whether it is still running or its final event was published
 * @param startedAt when it started (carried by every event of the rollout)
 */
public record RolloutMemory(
    long revision,
    Phase phase,
    Instant startedAt,
    SortedMap<String, String> imagesBefore,
    SortedMap<String, String> imagesAfter) {

  public RolloutMemory {
    imagesBefore = imagesBefore == null ? new TreeMap<>() : new TreeMap<>(imagesBefore);
    imagesAfter = imagesAfter == null ? new TreeMap<>() : new TreeMap<>(imagesAfter);
  }

  /** Running: started was published, no final event yet. Done: the final event was published. */
  public enum Phase {
    RUNNING,
    DONE
  }

  RolloutMemory done() {
    return new RolloutMemory(revision, Phase.DONE, startedAt, imagesBefore, imagesAfter);
  }
}
