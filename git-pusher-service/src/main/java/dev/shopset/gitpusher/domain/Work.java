package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.SourceChanged;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for a system branch: a render event or a new source head. {@link #done()}
 * completes once the push carrying it succeeded (or it was given up terminally).
 */
public sealed interface Work {

  CompletableFuture<Void> done();

  /** A render result or removal. */
  record Render(RenderEvent event, CompletableFuture<Void> done) implements Work {
    public Render(RenderEvent event) {
      this(event, new CompletableFuture<>());
    }
  }

  /** A source branch has a new head; submodules pinning it follow. */
  record Source(SourceChanged change, CompletableFuture<Void> done) implements Work {
    public Source(SourceChanged change) {
      this(change, new CompletableFuture<>());
    }
  }
}
