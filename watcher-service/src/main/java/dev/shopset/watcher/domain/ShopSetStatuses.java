package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.CommitEvent;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.ShopSetStatus.Placement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes ShopSet status from what the watcher learns; every method returns empty when the status
 * would say the same as it does now (conditions compared without their transition time). Every
 * result carries a {@code Ready} condition that sums up the others for the ShopSet's current
 * generation.
 */
public final class ShopSetStatuses {

  /** Reason of Rendered=True. */
  public static final String RENDERED = "Rendered";

  /** Reason of Committed=True and Ready=True. */
  public static final String PUSHED = "Pushed";

  /** Reason of Ready=Unknown while the current generation is on its way to git. */
  public static final String RECONCILING = "Reconciling";

  private ShopSetStatuses() {}

  /**
   * The status with {@code valid} set and observedGeneration moved to {@code generation}, the
   * ShopSet's current generation.
   */
  public static Optional<ShopSetStatus> withValid(
      ShopSetStatus current, Condition valid, long generation, Integer shops, Instant now) {
    ShopSetStatus base = orEmpty(current);
    ShopSetStatus next =
        new ShopSetStatus(
            generation,
            put(base.conditions(), valid, now),
            base.lastCommit(),
            base.parked(),
            shops);
    return changed(current, ShopSetReadiness.summarized(next, generation, now));
  }

  /**
   * The status after a commit event that carries {@code ref}; empty when nothing changes, the event
   * is older than what the status already records, or it names a generation the ShopSet has not
   * reached (then it is about an earlier ShopSet of the same name, deleted and created again, whose
   * generations started over: a late event of it must not make the new one look committed).
   *
   * @param generation the ShopSet's current {@code metadata.generation}
   */
  public static Optional<ShopSetStatus> withCommit(
      ShopSetStatus current, CommitEvent event, ShopSetRef ref, long generation, Instant now) {
    if (ref.generation() > generation) {
      return Optional.empty();
    }
    ShopSetStatus base = orEmpty(current);
    Condition recorded =
        event instanceof RenderRefused
            ? find(base.conditions(), Conditions.RENDERED)
            : find(base.conditions(), Conditions.COMMITTED);
    if (recorded != null
        && recorded.observedGeneration() != null
        && recorded.observedGeneration() > ref.generation()) {
      return Optional.empty();
    }
    String where = event.branch() + " of " + event.systemRepository();
    Condition rendered =
        new Condition(
            Conditions.RENDERED,
            Condition.TRUE,
            RENDERED,
            "Generation " + ref.generation() + " rendered for " + where + ".",
            null,
            ref.generation());
    List<Condition> conditions = base.conditions();
    ShopSetStatus.LastCommit lastCommit = base.lastCommit();
    switch (event) {
      case CommitPushed pushed -> {
        conditions = putUnlessNewer(conditions, rendered, now);
        conditions =
            put(
                conditions,
                new Condition(
                    Conditions.COMMITTED,
                    Condition.TRUE,
                    PUSHED,
                    "Commit " + shortSha(pushed.sha()) + " pushed to " + where + ".",
                    null,
                    ref.generation()),
                now);
        lastCommit =
            new ShopSetStatus.LastCommit(
                pushed.sha(), pushed.branch(), pushed.committedAt().toString());
      }
      case CommitFailed failed -> {
        conditions = putUnlessNewer(conditions, rendered, now);
        conditions =
            put(
                conditions,
                new Condition(
                    Conditions.COMMITTED,
                    Condition.FALSE,
                    failed.reason(),
                    failed.message(),
                    null,
                    ref.generation()),
                now);
      }
      case RenderRefused refused ->
          conditions =
              put(
                  conditions,
                  new Condition(
                      Conditions.RENDERED,
                      Condition.FALSE,
                      refused.reason(),
                      refused.message(),
                      null,
                      ref.generation()),
                  now);
    }
    ShopSetStatus next =
        new ShopSetStatus(
            base.observedGeneration(), conditions, lastCommit, base.parked(), base.shops());
    return changed(current, ShopSetReadiness.summarized(next, generation, now));
  }

  /** The status with the tier branches the ShopSet's Application is parked on. */
  public static Optional<ShopSetStatus> withParked(
      ShopSetStatus current, List<Placement> parked, long generation, Instant now) {
    ShopSetStatus base = orEmpty(current);
    ShopSetStatus next =
        new ShopSetStatus(
            base.observedGeneration(),
            base.conditions(),
            base.lastCommit(),
            parked.isEmpty() ? null : List.copyOf(parked),
            base.shops());
    return changed(current, ShopSetReadiness.summarized(next, generation, now));
  }

  private static ShopSetStatus orEmpty(ShopSetStatus current) {
    return current == null ? new ShopSetStatus(null, List.of(), null, null, null) : current;
  }

  private static Optional<ShopSetStatus> changed(ShopSetStatus current, ShopSetStatus next) {
    return same(current, next) ? Optional.empty() : Optional.of(next);
  }

  /** Whether two statuses say the same, ignoring when conditions last changed. */
  public static boolean same(ShopSetStatus a, ShopSetStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!Objects.equals(a.observedGeneration(), b.observedGeneration())
        || !Objects.equals(a.lastCommit(), b.lastCommit())
        || !Objects.equals(a.shops(), b.shops())
        || !Objects.equals(orNone(a.parked()), orNone(b.parked()))) {
      return false;
    }
    List<Condition> left = a.conditions() == null ? List.of() : a.conditions();
    List<Condition> right = b.conditions() == null ? List.of() : b.conditions();
    if (left.size() != right.size()) {
      return false;
    }
    for (Condition condition : left) {
      if (!condition.sameAs(find(right, condition.type()))) {
        return false;
      }
    }
    return true;
  }

  private static List<Placement> orNone(List<Placement> parked) {
    return parked == null ? List.of() : parked;
  }

  /** Like {@link #put}, but a condition about a newer generation is kept. */
  private static List<Condition> putUnlessNewer(
      List<Condition> conditions, Condition update, Instant now) {
    Condition existing = find(conditions, update.type());
    if (existing != null
        && existing.observedGeneration() != null
        && update.observedGeneration() != null
        && existing.observedGeneration() > update.observedGeneration()) {
      return conditions;
    }
    return put(conditions, update, now);
  }

  /**
   * Replaces the condition of the same type; its transition time moves only when its status does.
   */
  static List<Condition> put(List<Condition> conditions, Condition update, Instant now) {
    List<Condition> result = new ArrayList<>();
    boolean replaced = false;
    for (Condition existing : conditions == null ? List.<Condition>of() : conditions) {
      if (existing.type().equals(update.type())) {
        result.add(stamped(update, existing, now));
        replaced = true;
      } else {
        result.add(existing);
      }
    }
    if (!replaced) {
      result.add(stamped(update, null, now));
    }
    return List.copyOf(result);
  }

  private static Condition stamped(Condition update, Condition existing, Instant now) {
    String time =
        existing != null
                && existing.status().equals(update.status())
                && existing.lastTransitionTime() != null
            ? existing.lastTransitionTime()
            : now.toString();
    return new Condition(
        update.type(),
        update.status(),
        update.reason(),
        update.message(),
        time,
        update.observedGeneration());
  }

  static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }

  private static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
