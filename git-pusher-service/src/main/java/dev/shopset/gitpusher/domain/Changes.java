package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one commit is to apply: render events (one per ShopSet) and gitlinks to move (submodule path
 * to the new head; moves already allowed by {@link PinPolicy}).
 */
public record Changes(List<RenderEvent> renders, Map<String, String> gitlinks) {
  public Changes {
    renders = List.copyOf(renders);
    gitlinks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gitlinks));
  }

  /** Renders only. */
  public static Changes of(List<RenderEvent> renders) {
    return new Changes(renders, Map.of());
  }

  /** Gitlink moves only. */
  public static Changes pins(Map<String, String> gitlinks) {
    return new Changes(List.of(), gitlinks);
  }
}
