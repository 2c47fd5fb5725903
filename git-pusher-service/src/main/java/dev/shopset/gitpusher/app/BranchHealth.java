package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.FailureReason;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system branches this instance cannot write at the moment, and why: what readiness reports. A
 * branch that fails is never a reason to restart the service (liveness stays up).
 */
public final class BranchHealth {

  /** Why a branch is failing, since when. */
  public record Problem(FailureReason reason, String message, Instant since) {}

  private final Map<BranchId, Problem> problems = new ConcurrentHashMap<>();

  void failing(BranchId branch, FailureReason reason, String message) {
    problems.compute(
        branch,
        (b, previous) ->
            previous != null && previous.reason() == reason
                ? new Problem(reason, message, previous.since())
                : new Problem(reason, message, Instant.now()));
  }

  void recovered(BranchId branch) {
    problems.remove(branch);
  }

  /** Failing branches by key ({@code repository#branch}), sorted. */
  public Map<String, Problem> problems() {
    Map<String, Problem> sorted = new TreeMap<>();
    problems.forEach((b, p) -> sorted.put(b.key(), p));
    return sorted;
  }
}
