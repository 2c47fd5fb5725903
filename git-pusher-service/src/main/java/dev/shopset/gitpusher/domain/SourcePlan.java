package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which source heads a batch needs resolved before its commit: those of the submodules its renders
 * declare that the branch does not pin yet (new, or with another URL or branch, or declared without
 * a gitlink). A submodule already pinned keeps its pin; a new source head moves it.
 */
public final class SourcePlan {

  private SourcePlan() {}

  /** The sources to resolve for {@code renders} on a branch whose submodules are {@code pins}. */
  public static Set<SourceRef> needed(List<RenderEvent> renders, Map<String, Pin> pins) {
    Set<SourceRef> needed = new LinkedHashSet<>();
    for (RenderEvent event : renders) {
      if (event instanceof RenderResult result) {
        for (RenderResult.Submodule sub : result.submodules()) {
          SourceRef source = new SourceRef(sub.url(), sub.branch());
          if (!isPinned(pins.get(sub.path()), source)) {
            needed.add(source);
          }
        }
      }
    }
    return needed;
  }

  /** The sources one render declares. */
  public static Set<SourceRef> of(RenderEvent event) {
    Set<SourceRef> sources = new LinkedHashSet<>();
    if (event instanceof RenderResult result) {
      result.submodules().forEach(s -> sources.add(new SourceRef(s.url(), s.branch())));
    }
    return sources;
  }

  /** True when {@code pin} already follows {@code source} with a gitlink. */
  public static boolean isPinned(Pin pin, SourceRef source) {
    return pin != null && pin.sha() != null && pin.follows(source);
  }
}
