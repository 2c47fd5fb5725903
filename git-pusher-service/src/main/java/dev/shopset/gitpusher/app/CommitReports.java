package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.CommitMessage;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The {@code commit pushed} and {@code commit failed} events of one branch, published until the
 * broker has them (retried with backoff while the writer runs).
 */
final class CommitReports {

  private static final Logger LOG = Logger.getLogger(CommitReports.class);

  private final BranchId branch;
  private final CommitEvents events;
  private final Backoff backoff;
  private final BooleanSupplier running;
  // The generation last announced per ShopSet of this branch (since this instance took it): the
  // last, not the highest, as a ShopSet deleted and created again starts over at generation 1.
  private final Map<String, Long> announced = new HashMap<>();

  CommitReports(BranchId branch, CommitEvents events, Backoff backoff, BooleanSupplier running) {
    this.branch = branch;
    this.events = events;
    this.backoff = backoff;
    this.running = running;
  }

  /** What {@code pushed} carried: the ShopSets of our commits' trailers. */
  void pushed(SystemBranch.Pushed pushed) throws InterruptedException {
    List<ShopSetRef> refs = new ArrayList<>();
    pushed.messages().forEach(m -> refs.addAll(CommitMessage.shopSets(m)));
    if (pushed.unchanged()) {
      // A redelivered render that is in git already was announced before: say nothing again.
      refs.removeIf(r ->
          Long.valueOf(r.generation()).equals(announced.get(Keys.object(r.namespace(), r.name()))));
      if (refs.isEmpty()) {
        return;
      }
    }
    refs.forEach(r -> announced.put(Keys.object(r.namespace(), r.name()), r.generation()));
    String last = pushed.messages().get(pushed.messages().size() - 1);
    CommitPushed event =
        new CommitPushed(
            branch.repository(),
            branch.branch(),
            pushed.sha(),
            refs,
            pushed.filesChanged(),
            CommitMessage.subject(last),
            Instant.now(),
            pushed.pins());
    publish(() -> events.pushed(event));
  }

  /** Why the ShopSets of {@code renders} are not in git. */
  void failed(List<Work.Render> renders, FailureReason reason, String message)
      throws InterruptedException {
    List<ShopSetRef> refs =
        renders.stream()
            .map(Work.Render::event)
            .map(r ->
                new ShopSetRef(
                    r.namespace(), r.name(), r instanceof RenderResult rr ? rr.generation() : 0))
            .toList();
    CommitFailed event =
        new CommitFailed(branch.repository(), branch.branch(), refs, reason.name(), message);
    publish(() -> events.failed(event));
  }

  private void publish(Runnable send) throws InterruptedException {
    for (int attempt = 1; running.getAsBoolean(); attempt++) {
      try {
        send.run();
        return;
      } catch (RuntimeException e) {
        LOG.warnf(
            "Cannot publish the commit event of %s (%s); retrying", branch.key(), e.getMessage());
        Thread.sleep(backoff.delay(attempt).toMillis());
      }
    }
  }
}
