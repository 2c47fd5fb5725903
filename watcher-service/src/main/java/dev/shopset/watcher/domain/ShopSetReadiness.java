package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.ShopSetStatus;
import java.time.Instant;
import java.util.List;

/**
 * Sums a ShopSet's Valid, Rendered and Committed conditions up into Ready, and into the Reconciling
 * and Stalled conditions kstatus-based tools (kubectl wait, Argo CD's health check, Flux) read
 * beside it: Stalled only for what needs a person, Reconciling while ShopSet is still working on it
 * by itself (on its way, or retrying through a git outage).
 */
final class ShopSetReadiness {

  private ShopSetReadiness() {}

  /**
   * {@code status} with Ready: True when the current generation is valid, rendered and committed;
   * False with the reason of the first condition that says False; Unknown (Reconciling) while the
   * current generation is on its way. Reconciling is True while Ready is Unknown or False for a
   * failure that passes by itself ({@link CommitFailed#passesByItself}); Stalled is True while
   * Ready is False for any other reason.
   */
  static ShopSetStatus summarized(ShopSetStatus status, long generation, Instant now) {
    Condition ready = ready(status.conditions(), generation);
    boolean failing = Condition.FALSE.equals(ready.status());
    boolean passing = failing && CommitFailed.passesByItself(ready.reason());
    boolean working = Condition.UNKNOWN.equals(ready.status()) || passing;
    Condition reconciling =
        new Condition(
            Conditions.RECONCILING,
            working ? Condition.TRUE : Condition.FALSE,
            ready.reason(),
            passing ? ready.message() + " (retrying by itself)" : ready.message(),
            null,
            generation);
    Condition stalled =
        new Condition(
            Conditions.STALLED,
            failing && !passing ? Condition.TRUE : Condition.FALSE,
            ready.reason(),
            ready.message(),
            null,
            generation);
    List<Condition> conditions = ShopSetStatuses.put(status.conditions(), ready, now);
    conditions = ShopSetStatuses.put(conditions, reconciling, now);
    conditions = ShopSetStatuses.put(conditions, stalled, now);
    return new ShopSetStatus(
        status.observedGeneration(),
        conditions,
        status.lastCommit(),
        status.parked(),
        status.shops());
  }

  private static Condition ready(List<Condition> conditions, long generation) {
    Condition valid = ShopSetStatuses.find(conditions, Conditions.VALID);
    Condition rendered = ShopSetStatuses.find(conditions, Conditions.RENDERED);
    Condition committed = ShopSetStatuses.find(conditions, Conditions.COMMITTED);
    Condition failing = firstFalse(generation, valid, rendered, committed);
    if (failing != null) {
      return new Condition(
          Conditions.READY, Condition.FALSE, failing.reason(), failing.message(), null, generation);
    }
    if (trueFor(valid, generation)
        && trueFor(rendered, generation)
        && trueFor(committed, generation)) {
      return new Condition(
          Conditions.READY,
          Condition.TRUE,
          ShopSetStatuses.PUSHED,
          "Generation " + generation + " is committed: " + committed.message(),
          null,
          generation);
    }
    return new Condition(
        Conditions.READY,
        Condition.UNKNOWN,
        ShopSetStatuses.RECONCILING,
        "Generation " + generation + " is on its way to git.",
        null,
        generation);
  }

  /**
   * The first of {@code conditions} that says False and still applies: Valid=False for this
   * generation, or a later stage's False for this generation (a failure of an older generation is
   * superseded by the newer one on its way).
   */
  private static Condition firstFalse(long generation, Condition... conditions) {
    for (Condition condition : conditions) {
      if (condition != null
          && Condition.FALSE.equals(condition.status())
          && current(condition, generation)) {
        return condition;
      }
    }
    return null;
  }

  private static boolean trueFor(Condition condition, long generation) {
    return current(condition, generation) && Condition.TRUE.equals(condition.status());
  }

  private static boolean current(Condition condition, long generation) {
    return condition != null
        && condition.observedGeneration() != null
        && condition.observedGeneration() >= generation;
  }
}
