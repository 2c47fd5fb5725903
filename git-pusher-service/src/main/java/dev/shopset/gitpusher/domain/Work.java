package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.cloudevents.TraceContext;
import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.RenderEvent;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for a system branch: a render event or a pin request. {@link #done()} completes
 * normally once the push carrying it succeeded (its record may be acknowledged), or exceptionally
 * with a {@link WorkRefused} when it can never succeed (its record goes to the dead-letter topic).
 */
public sealed interface Work {

  CompletableFuture<Void> done();

  /** Work with the same key supersedes older work: only the latest per key is applied. */
  String key();

  /** Pushed, or nothing to do: the record may be acknowledged. */
  default void complete() {
    done().complete(null);
  }

  /** Can never succeed: the record goes to the dead-letter topic with the reason. */
  default void refuse(FailureReason reason, String message) {
    done().completeExceptionally(new WorkRefused(reason, message));
  }

  /**
   * {@code older} is superseded by {@code keeper} (whole state, not deltas): it is acknowledged
   * when the keeper is done, whatever becomes of it, and never before.
   */
  static void supersede(Work older, Work keeper) {
    if (older != keeper) {
      keeper.done().whenComplete((v, e) -> older.done().complete(null));
    }
  }

  /**
   * A render result or removal of one ShopSet.
   *
   * @param trace the trace of the ShopSet's change it belongs to; null when it carried none
   * @param eventId the id of the event it came in ({@code ce_id}); null when unknown
   */
  record Render(RenderEvent event, TraceContext trace, String eventId, CompletableFuture<Void> done)
      implements Work {
    public Render(RenderEvent event) {
      this(event, null, null, new CompletableFuture<>());
    }

    public Render(RenderEvent event, TraceContext trace, String eventId) {
      this(event, trace, eventId, new CompletableFuture<>());
    }

    public Render(RenderEvent event, CompletableFuture<Void> done) {
      this(event, null, null, done);
    }

    @Override
    public String key() {
      return "render " + Keys.object(event.namespace(), event.name());
    }
  }

  /**
   * A source branch has a new head; the submodules following it are to be pinned to it.
   *
   * @param trace the trace of what moved the head (a push webhook, a promotion); null when none
   */
  record Pin(PinMove move, TraceContext trace, CompletableFuture<Void> done) implements Work {
    public Pin(PinMove move) {
      this(move, null, new CompletableFuture<>());
    }

    public Pin(PinMove move, TraceContext trace) {
      this(move, trace, new CompletableFuture<>());
    }

    @Override
    public String key() {
      return "pin " + move.source().key();
    }
  }
}
