package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.Work;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work held back because a source it needs failed (a ShopSet whose Configuration repository does
 * not answer, answers 404, refuses the credentials): kept out of the branch's commits, retried with
 * the long backoff without any new render, so the branch converges by itself once the repository is
 * fixed. Its record is not acknowledged meanwhile. A failure is reported once, not per retry.
 */
final class Holds {

  private record Held(Work work, int attempt, long dueNanos) {}

  private record Reported(FailureReason reason, long generation) {}

  private final Backoff backoff;
  private final Map<String, Held> held = new LinkedHashMap<>();
  private final Map<String, Reported> reported = new HashMap<>();
  private final Map<String, Integer> attemptsByKey = new HashMap<>();

  Holds(Backoff backoff) {
    this.backoff = backoff;
  }

  /**
   * Holds {@code work} after it failed for {@code reason}; true when that is news to report (not
   * reported before for this work's generation).
   */
  boolean hold(Work work, FailureReason reason, int attempt, long now) {
    held.put(work.key(), new Held(work, attempt, now + backoff.delay(attempt).toNanos()));
    Reported next = new Reported(reason, generation(work));
    return !next.equals(reported.put(work.key(), next));
  }

  /** The attempt a work held before is at (0 when it was not held). */
  int attempts(Work work) {
    return attemptsByKey.getOrDefault(work.key(), 0);
  }

  /** Held work that is due again (its retry time has come) or superseded by one of {@code keys}. */
  List<Work> take(Collection<String> keys, long now) {
    List<Work> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Held> e = it.next();
      if (e.getValue().dueNanos() <= now || keys.contains(e.getKey())) {
        out.add(e.getValue().work());
        attemptsByKey.put(e.getKey(), e.getValue().attempt());
        it.remove();
      }
    }
    return out;
  }

  /** When the next held work is due, if any is held. */
  Optional<Long> nextDue() {
    return held.values().stream().map(Held::dueNanos).min(Long::compare);
  }

  /** {@code work} went through: forget its failure. */
  void succeeded(Work work) {
    reported.remove(work.key());
    attemptsByKey.remove(work.key());
  }

  int size() {
    return held.size();
  }

  private static long generation(Work work) {
    return work instanceof Work.Render r && r.event() instanceof RenderResult rr
        ? rr.generation()
        : 0;
  }
}
