package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.SourceChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work collected for one branch within a window: the latest render per ShopSet (an older
 * generation never replaces a newer one) and the latest head per source branch.
 */
public final class Batch {

  private final List<Work> items;
  private final Changes changes;

  private Batch(List<Work> items, Changes changes) {
    this.items = items;
    this.changes = changes;
  }

  /** Folds the items, in arrival order, into one set of changes. */
  public static Batch of(List<Work> items) {
    Map<String, RenderEvent> renders = new LinkedHashMap<>();
    Map<String, SourceChanged> sources = new LinkedHashMap<>();
    for (Work work : items) {
      switch (work) {
        case Work.Render r -> {
          String key = Keys.object(r.event().namespace(), r.event().name());
          RenderEvent previous = renders.get(key);
          if (!(olderGeneration(r.event(), previous))) {
            renders.remove(key);
            renders.put(key, r.event());
          }
        }
        case Work.Source s -> {
          String key = new SourceRef(s.change().repository(), s.change().branch()).key();
          sources.remove(key);
          sources.put(key, s.change());
        }
      }
    }
    return new Batch(
        List.copyOf(items),
        new Changes(new ArrayList<>(renders.values()), new ArrayList<>(sources.values())));
  }

  private static boolean olderGeneration(RenderEvent next, RenderEvent previous) {
    return next instanceof RenderResult n
        && previous instanceof RenderResult p
        && n.generation() < p.generation();
  }

  public Changes changes() {
    return changes;
  }

  public List<Work> items() {
    return items;
  }

  public int size() {
    return items.size();
  }

  /** Marks every item done: their Kafka messages may be acknowledged. */
  public void complete() {
    items.forEach(w -> w.done().complete(null));
  }
}
