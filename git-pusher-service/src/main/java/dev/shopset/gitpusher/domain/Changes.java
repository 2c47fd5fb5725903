package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.SourceChanged;
import java.util.List;

/** What one commit is to apply: render events (one per ShopSet) and new source heads. */
public record Changes(List<RenderEvent> renders, List<SourceChanged> sources) {
  public Changes {
    renders = List.copyOf(renders);
    sources = List.copyOf(sources);
  }
}
