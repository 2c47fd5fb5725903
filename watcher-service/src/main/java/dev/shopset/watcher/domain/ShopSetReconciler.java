package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.ShopSetStatus.Placement;
import dev.shopset.contracts.resources.Tier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides, from the whole current state of one ShopSet, what to publish on {@code shopset.desired}
 * and which Valid condition it should carry. Remembers the content id last published per ShopSet,
 * so a state that did not change publishes nothing. Level-triggered: it never looks at what
 * changed.
 */
public final class ShopSetReconciler {

  /** Reason of Valid=True. */
  public static final String RESOLVED = "Resolved";

  /** What was last published for a ShopSet: its event id, its Tier and where it was rendered to. */
  public record Emitted(String id, String tier, String systemRepository, String branch) {
    Placement placement() {
      return new Placement(tier, systemRepository, branch);
    }

    boolean samePlace(Emitted other) {
      return systemRepository.equals(other.systemRepository) && branch.equals(other.branch);
    }
  }

  /**
   * Looks up the resources a ShopSet refers to (null when missing) and what its namespace may use.
   */
  public interface Lookup {
    Tier tier(String name);

    Configuration configuration(String namespace, String name);

    Tenancy tenancy(String namespace);
  }

  /** One record to write on {@code shopset.desired}: an event, or a tombstone when null. */
  public record Output(String key, DesiredStateEvent event) {
    public boolean tombstone() {
      return event == null;
    }
  }

  /**
   * What to do for one ShopSet.
   *
   * @param outputs records to publish, in order
   * @param valid the Valid condition the ShopSet should carry (null when it is gone)
   * @param next what is published once the outputs are written (null: forget the ShopSet)
   * @param parked the tier branches its Application is parked on once the outputs are written
   *     (null: unchanged)
   */
  public record Plan(
      String key, List<Output> outputs, Condition valid, Emitted next, List<Placement> parked) {}

  private final Map<String, Emitted> emitted = new ConcurrentHashMap<>();
  private final Function<DesiredStateEvent, String> ids;

  /** {@code ids} gives an event's content-derived id (EventCodec's in production). */
  public ShopSetReconciler(Function<DesiredStateEvent, String> ids) {
    this.ids = ids;
  }

  /**
   * Plans one ShopSet.
   *
   * @param current the ShopSet as it is now, null when it no longer exists
   * @param lastKnown the ShopSet's last known state when it was deleted (may be null)
   */
  public Plan plan(String key, ShopSet current, ShopSet lastKnown, Lookup lookup) {
    Emitted previous = emitted.get(key);
    if (current == null) {
      return planDeletion(key, previous, lastKnown, lookup);
    }
    var result = join(current, lookup);
    long generation = generation(current);
    if (result instanceof DesiredStateJoin.Invalid invalid) {
      // Keep what was rendered: a typo in a reference must not remove running shops.
      Condition condition =
          new Condition(
              Conditions.VALID,
              Condition.FALSE,
              invalid.reason(),
              invalid.message(),
              null,
              generation);
      return new Plan(key, List.of(), condition, previous, null);
    }
    ShopSetDesired desired = ((DesiredStateJoin.Valid) result).desired();
    var tier = desired.tier();
    Condition condition =
        new Condition(
            Conditions.VALID,
            Condition.TRUE,
            RESOLVED,
            "Tier '"
                + tier.name()
                + "' (branch "
                + tier.branch()
                + ") and Configuration '"
                + desired.configuration().name()
                + "' resolved.",
            null,
            generation);
    String id = ids.apply(desired);
    Emitted next = new Emitted(id, tier.name(), tier.systemRepository().url(), tier.branch());
    List<Placement> parkedNow = parked(current);
    Set<Placement> parked = new LinkedHashSet<>(parkedNow);
    // Back on a branch it was parked on: the active Application replaces the parked one there.
    parked.removeIf(p ->
        p.systemRepository().equals(next.systemRepository()) && p.branch().equals(next.branch()));
    if (previous != null && previous.id().equals(id)) {
      return new Plan(key, List.of(), condition, previous, changedOrNull(parkedNow, parked));
    }
    List<Output> outputs = new ArrayList<>();
    if (previous != null && !previous.samePlace(next)) {
      // Moved: park the Application on the branch it leaves (no cascading delete) first.
      outputs.add(
          new Output(
              key,
              new ShopSetMoved(
                  desired.namespace(),
                  desired.name(),
                  generation,
                  previous.tier(),
                  previous.systemRepository(),
                  previous.branch(),
                  tier.name())));
      parked.add(previous.placement());
    }
    outputs.add(new Output(key, desired));
    return new Plan(key, outputs, condition, next, changedOrNull(parkedNow, parked));
  }

  private Plan planDeletion(String key, Emitted previous, ShopSet lastKnown, Lookup lookup) {
    Set<Placement> places = new LinkedHashSet<>();
    if (previous != null) {
      places.add(previous.placement());
    } else if (lastKnown != null
        && join(lastKnown, lookup) instanceof DesiredStateJoin.Valid(ShopSetDesired desired)) {
      places.add(
          new Placement(
              desired.tier().name(),
              desired.tier().systemRepository().url(),
              desired.tier().branch()));
    }
    if (lastKnown != null) {
      places.addAll(parked(lastKnown));
    }
    if (places.isEmpty()) {
      return new Plan(key, List.of(), null, null, null);
    }
    int slash = key.indexOf('/');
    List<Output> outputs = new ArrayList<>();
    for (Placement place : places) {
      outputs.add(
          new Output(
              key,
              new ShopSetDeleted(
                  key.substring(0, slash),
                  key.substring(slash + 1),
                  place.systemRepository(),
                  place.branch())));
    }
    outputs.add(new Output(key, null));
    return new Plan(key, outputs, null, null, null);
  }

  private static List<Placement> parked(ShopSet shopSet) {
    ShopSetStatus status = shopSet.getStatus();
    return status == null || status.parked() == null ? List.of() : status.parked();
  }

  private static List<Placement> changedOrNull(List<Placement> before, Set<Placement> after) {
    return before.equals(List.copyOf(after)) ? null : List.copyOf(after);
  }

  /** Records that a plan's outputs were written. */
  public void applied(Plan plan) {
    if (plan.next() == null) {
      emitted.remove(plan.key());
    } else {
      emitted.put(plan.key(), plan.next());
    }
  }

  /**
   * Takes over what an earlier process published for a ShopSet this process has not seen yet: its
   * next plan starts from there (for a ShopSet that is gone, its deletion; for one that moved while
   * no watcher ran, the parking of its old place).
   */
  public void adopt(String key, Emitted published) {
    emitted.putIfAbsent(key, published);
  }

  /** Forgets everything published, as a fresh process would. */
  public void forgetAll() {
    emitted.clear();
  }

  /** The id last published for a ShopSet, if any. */
  public String lastId(String key) {
    Emitted e = emitted.get(key);
    return e == null ? null : e.id();
  }

  private static DesiredStateJoin.Result join(ShopSet shopSet, Lookup lookup) {
    var spec = shopSet.getSpec();
    String namespace = shopSet.getMetadata().getNamespace();
    Tenancy tenancy = lookup.tenancy(namespace);
    if (spec == null) {
      return DesiredStateJoin.join(shopSet, null, null, tenancy);
    }
    Tier tier = spec.tier() == null ? null : lookup.tier(spec.tier());
    Configuration configuration =
        spec.configuration() == null ? null : lookup.configuration(namespace, spec.configuration());
    return DesiredStateJoin.join(shopSet, tier, configuration, tenancy);
  }

  private static long generation(ShopSet shopSet) {
    Long generation = shopSet.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
