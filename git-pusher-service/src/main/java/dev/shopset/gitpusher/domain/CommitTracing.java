package dev.shopset.gitpusher.domain;

import java.util.List;

/**
 * The spans of a branch writer's commits, as a port: the application layer opens one per batch and
 * knows no tracer. A batch carries many ShopSets' changes, each with its own trace: the batch's
 * span continues the trace of its first render and links to every other; once pushed, each other
 * render's (and pin move's) trace gets a short {@code commit} span linking back to it, so every
 * change can be followed to the commit that carried it.
 */
public interface CommitTracing {

  /** Records nothing. */
  CommitTracing NONE =
      (branch, renders, pins) ->
          new BatchSpan() {
            @Override
            public void pushed(String sha, List<Work.Render> carried) {}

            @Override
            public void failed(String reason) {}

            @Override
            public void close() {}
          };

  /**
   * Opens the span of one batch, current on this thread (events published meanwhile carry it) until
   * closed, on the same thread. A batch of pin moves only (new code reaching the tier) continues
   * the trace of its first pin's head move (the push webhook or promotion that made it).
   */
  BatchSpan batch(BranchId branch, List<Work.Render> renders, List<Work.Pin> pins);

  /** The span of one batch, from its first attempt until it is pushed or refused. */
  interface BatchSpan extends AutoCloseable {

    /** The batch's commit {@code sha} reached the branch carrying {@code carried}. */
    void pushed(String sha, List<Work.Render> carried);

    /** The batch was refused or failed with {@code reason}. */
    void failed(String reason);

    @Override
    void close();
  }
}
