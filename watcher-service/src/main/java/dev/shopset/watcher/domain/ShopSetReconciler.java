package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** What was last published for a ShopSet: its event id and where it was rendered to. */
  public record Emitted(String id, String systemRepository, String branch) {}

  /** Looks up the resources a ShopSet refers to; null when missing. */
  public interface Lookup {
    Tier tier(String name);

    Configuration configuration(String namespace, String name);
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
   */
  public record Plan(String key, List<Output> outputs, Condition valid, Emitted next) {}

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
      return new Plan(key, List.of(), condition, previous);
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
    Emitted next = new Emitted(id, tier.systemRepository().url(), tier.branch());
    if (previous != null && previous.id().equals(id)) {
      return new Plan(key, List.of(), condition, previous);
    }
    List<Output> outputs = new ArrayList<>();
    if (previous != null
        && !(previous.systemRepository().equals(next.systemRepository())
            && previous.branch().equals(next.branch()))) {
      // Moved to another system branch: the old place has to be cleaned up first.
      outputs.add(
          new Output(
              key,
              new ShopSetDeleted(
                  desired.namespace(),
                  desired.name(),
                  previous.systemRepository(),
                  previous.branch())));
    }
    outputs.add(new Output(key, desired));
    return new Plan(key, outputs, condition, next);
  }

  private Plan planDeletion(String key, Emitted previous, ShopSet lastKnown, Lookup lookup) {
    String systemRepository = null;
    String branch = null;
    if (previous != null) {
      systemRepository = previous.systemRepository();
      branch = previous.branch();
    } else if (lastKnown != null
        && join(lastKnown, lookup) instanceof DesiredStateJoin.Valid(ShopSetDesired desired)) {
      systemRepository = desired.tier().systemRepository().url();
      branch = desired.tier().branch();
    }
    if (systemRepository == null) {
      return new Plan(key, List.of(), null, null);
    }
    int slash = key.indexOf('/');
    var deleted =
        new ShopSetDeleted(
            key.substring(0, slash), key.substring(slash + 1), systemRepository, branch);
    return new Plan(key, List.of(new Output(key, deleted), new Output(key, null)), null, null);
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
   * Takes over what an earlier process published for a ShopSet this process has not seen: its next
   * plan (for a ShopSet that is gone, its deletion) starts from there.
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
    if (spec == null) {
      return DesiredStateJoin.join(shopSet, null, null);
    }
    Tier tier = spec.tier() == null ? null : lookup.tier(spec.tier());
    Configuration configuration =
        spec.configuration() == null
            ? null
            : lookup.configuration(shopSet.getMetadata().getNamespace(), spec.configuration());
    return DesiredStateJoin.join(shopSet, tier, configuration);
  }

  private static long generation(ShopSet shopSet) {
    Long generation = shopSet.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
