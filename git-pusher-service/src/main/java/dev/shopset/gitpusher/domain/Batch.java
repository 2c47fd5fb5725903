package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work collected for one branch: the latest render per ShopSet and the latest pin request per
 * source branch, latest by arrival. Arrival is the order of the ShopSet's changes (its renders
 * share a partition, and a redelivery replays them in order up to the newest), whereas a generation
 * is not: a ShopSet deleted and created again starts over at generation 1. Superseded work is done
 * when the work that superseded it is.
 */
public final class Batch {

  private final Map<String, Work> units;

  private Batch(Map<String, Work> units) {
    this.units = units;
  }

  /** Folds the items, in arrival order. */
  public static Batch of(List<? extends Work> items) {
    Batch batch = new Batch(new LinkedHashMap<>());
    items.forEach(batch::add);
    return batch;
  }

  /** This batch with more items folded in (arrived while it was being retried). */
  public Batch plus(List<? extends Work> more) {
    Batch batch = new Batch(new LinkedHashMap<>(units));
    more.forEach(batch::add);
    return batch;
  }

  private void add(Work work) {
    Work previous = units.remove(work.key());
    units.put(work.key(), work);
    if (previous != null) {
      Work.supersede(previous, work);
    }
  }

  /** The latest render of each ShopSet, in arrival order. */
  public List<Work.Render> renders() {
    List<Work.Render> renders = new ArrayList<>();
    units
        .values()
        .forEach(w -> {
          if (w instanceof Work.Render r) {
            renders.add(r);
          }
        });
    return renders;
  }

  /** The latest pin request of each source branch. */
  public List<Work.Pin> pins() {
    List<Work.Pin> pins = new ArrayList<>();
    units
        .values()
        .forEach(w -> {
          if (w instanceof Work.Pin p) {
            pins.add(p);
          }
        });
    return pins;
  }

  /** The render events of {@link #renders()}. */
  public List<RenderEvent> renderEvents() {
    return renders().stream().map(Work.Render::event).toList();
  }

  /** Every unit (the superseded ones are done with them). */
  public List<Work> units() {
    return List.copyOf(units.values());
  }

  public int size() {
    return units.size();
  }

  public boolean isEmpty() {
    return units.isEmpty();
  }
}
