package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.gitpusher.app.SourceResolution.Ancestry;
import dev.shopset.gitpusher.domain.Batch;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.CommitMessage;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.PinPolicy;
import dev.shopset.gitpusher.domain.SourcePlan;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One attempt at a batch: fetch, read the pins, resolve what the batch needs of its sources (heads
 * of new submodules, ancestry of requested pins), hold back the work whose sources failed, commit
 * the rest once, push. Throws what failed the whole branch.
 */
final class BatchAttempt {

  private static final Logger LOG = Logger.getLogger(BatchAttempt.class);

  /**
   * What became of a batch's work.
   *
   * @param pushed what the push carried (and is to be announced)
   * @param done work that went through, or had nothing to do
   * @param held work whose sources failed, with the failure
   * @param refused work whose sources may never be used (a repository not allowed), with why
   * @param refusedPins pin requests refused because they would move a pin backwards
   * @param nanos time spent fetching, resolving, committing and pushing
   * @param shopSets ShopSets (renders and removals) the commit carries
   * @param pinsMoved submodule pins the commit moves
   */
  record Outcome(
      SystemBranch.Pushed pushed,
      List<Work> done,
      Map<Work, GitFailure> held,
      Map<Work, GitFailure> refused,
      int refusedPins,
      long[] nanos,
      int shopSets,
      int pinsMoved) {

    /** {@link #nanos} in milliseconds. */
    long[] millis() {
      long[] ms = new long[nanos.length];
      for (int i = 0; i < nanos.length; i++) {
        ms[i] = nanos[i] / 1_000_000;
      }
      return ms;
    }
  }

  private BatchAttempt() {}

  static Outcome run(SystemBranch branch, Batch batch, SourceResolution resolution)
      throws GitFailure, InterruptedException {
    long start = System.nanoTime();
    branch.sync();
    long synced = System.nanoTime();
    Map<String, Pin> pins = branch.pins();
    Set<SourceRef> needed = SourcePlan.needed(batch.renderEvents(), pins);
    Set<Ancestry> questions = new LinkedHashSet<>();
    for (Work.Pin work : batch.pins()) {
      for (Pin pin : pins.values()) {
        if (PinPolicy.decide(pin, work.move()) == PinPolicy.Decision.ASK_ANCESTRY) {
          questions.add(new Ancestry(work.move().source(), pin.sha(), work.move().head()));
        }
      }
    }
    SourceResolution.Resolved resolved = resolution.resolve(needed, questions);
    long resolvedAt = System.nanoTime();

    Map<Work, GitFailure> held = new LinkedHashMap<>();
    Map<Work, GitFailure> refused = new LinkedHashMap<>();
    List<RenderEvent> renders = new ArrayList<>();
    for (Work.Render work : batch.renders()) {
      GitFailure failure = null;
      for (SourceRef source : SourcePlan.of(work.event())) {
        if (needed.contains(source) && resolved.failures().containsKey(source)) {
          failure = resolved.failures().get(source);
          break;
        }
      }
      if (failure == null) {
        renders.add(work.event());
      } else {
        (failure.kind() == GitFailure.Kind.INVALID ? refused : held).put(work, failure);
      }
    }
    Map<String, String> gitlinks = new LinkedHashMap<>();
    int backwards = 0;
    for (Work.Pin work : batch.pins()) {
      Map<String, String> moves = new LinkedHashMap<>();
      boolean refusedOne = false;
      for (Pin pin : pins.values()) {
        switch (PinPolicy.decide(pin, work.move())) {
          case NOTHING -> {}
          case MOVE -> moves.put(pin.path(), work.move().head());
          case ASK_ANCESTRY -> {
            Ancestry q = new Ancestry(work.move().source(), pin.sha(), work.move().head());
            GitFailure failure = resolved.ancestryFailures().get(q);
            if (failure != null) {
              (failure.kind() == GitFailure.Kind.INVALID ? refused : held).put(work, failure);
            } else if (resolved.descends().getOrDefault(q, false)) {
              moves.put(pin.path(), work.move().head());
            } else {
              refusedOne = true;
              LOG.warnf(
                  "%s: refused to move %s of %s from %.12s to %.12s, not a descendant on %s (pins"
                      + " move only forward; an explicit rollback moves them back)",
                  FailureReason.PinNotForward,
                  pin.path(),
                  branch.branch(),
                  pin.sha(),
                  work.move().head(),
                  work.move().source());
            }
          }
        }
      }
      if (!held.containsKey(work) && !refused.containsKey(work)) {
        gitlinks.putAll(moves);
        backwards += refusedOne ? 1 : 0;
      }
    }

    Changes changes = new Changes(renders, gitlinks);
    branch.commit(
        changes,
        resolved.heads(),
        links -> CommitMessage.of(branch.branch(), changes.renders(), links));
    long committed = System.nanoTime();
    SystemBranch.Pushed pushed = branch.push();
    if (pushed.nothing() && renders.stream().anyMatch(RenderResult.class::isInstance)) {
      // Every render was in git already (its files unchanged): its generation is committed at the
      // head, and is reported so (else its status would wait for a commit that never comes).
      Optional<String> head = branch.head();
      if (head.isPresent()) {
        pushed =
            SystemBranch.Pushed.unchanged(
                head.get(), CommitMessage.unchanged(branch.branch(), renders));
      }
    }
    long done = System.nanoTime();
    List<Work> through = new ArrayList<>(batch.units());
    through.removeAll(held.keySet());
    through.removeAll(refused.keySet());
    return new Outcome(
        pushed,
        through,
        held,
        refused,
        backwards,
        new long[] {synced - start, resolvedAt - synced, committed - resolvedAt, done - committed},
        renders.size(),
        gitlinks.size());
  }
}
