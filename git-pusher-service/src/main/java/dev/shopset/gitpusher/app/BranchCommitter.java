package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.domain.Backoff;
import dev.shopset.gitpusher.domain.Batch;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.CommitMessage;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.SourcePlan;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * The single writer of one system branch: takes work in batches and, for each, fetches, resolves
 * the source heads it pins anew ({@link SourceResolution}), commits once, pushes, and on a rejected
 * push does it all again. Work is marked done only when the push carrying it succeeded or failed
 * terminally (then a {@code CommitFailed} says why).
 */
public final class BranchCommitter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BranchCommitter.class);

  private final SystemBranch branch;
  private final BatchCollector collector;
  private final SourceResolution resolution;
  private final CommitEvents events;
  private final int maxRejections;
  private final Backoff backoff;
  private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
  private volatile boolean running = true;
  private Thread thread;

  public BranchCommitter(
      SystemBranch branch,
      BatchCollector collector,
      SourceResolution resolution,
      CommitEvents events,
      int maxRejections,
      Backoff backoff) {
    this.branch = branch;
    this.collector = collector;
    this.resolution = resolution;
    this.events = events;
    this.maxRejections = maxRejections;
    this.backoff = backoff;
  }

  /** Starts the writer thread. */
  public BranchCommitter start() {
    thread = Thread.ofVirtual().name("commit " + branch.branch()).start(this::run);
    return this;
  }

  /** Queues work; its {@link Work#done()} completes after the push. */
  public void submit(Work work) {
    queue.add(work);
  }

  public SystemBranch branch() {
    return branch;
  }

  private void run() {
    while (running) {
      try {
        process(Batch.of(collector.next(queue)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Commits and pushes one batch, retrying until it is pushed or failed terminally. */
  void process(Batch batch) throws InterruptedException {
    int rejections = 0;
    int failures = 0;
    while (running) {
      try {
        long start = System.nanoTime();
        branch.sync();
        long synced = System.nanoTime();
        SourceResolution.Resolved resolved =
            resolution.resolve(SourcePlan.needed(batch.changes().renders(), branch.pins()));
        if (resolved.firstFailure().isPresent()) {
          throw resolved.firstFailure().get();
        }
        long resolvedAt = System.nanoTime();
        branch.commit(
            batch.changes(),
            resolved.heads(),
            pins -> CommitMessage.of(branch.branch(), batch.changes().renders(), pins));
        long committed = System.nanoTime();
        SystemBranch.Pushed pushed = branch.push();
        if (!pushed.nothing()) {
          long done = System.nanoTime();
          publish(() -> events.pushed(pushedEvent(pushed)));
          branch.announced(pushed.sha());
          LOG.infof(
              "Pushed %.12s to %s (%d items; fetch %d ms, sources %d ms, commit %d ms, push %d ms,"
                  + " event %d ms)",
              pushed.sha(),
              branch.branch(),
              batch.size(),
              millis(start, synced),
              millis(synced, resolvedAt),
              millis(resolvedAt, committed),
              millis(committed, done),
              millis(done, System.nanoTime()));
        }
        batch.complete();
        return;
      } catch (GitFailure f) {
        switch (f.kind()) {
          case REJECTED -> {
            if (++rejections > maxRejections) {
              fail(
                  batch,
                  FailureReason.RetriesExhausted,
                  "the branch kept moving: " + f.getMessage());
              return;
            }
            LOG.infof("Push to %s rejected (%d), re-applying", branch.branch(), rejections);
            Thread.sleep(backoff.delay(rejections).toMillis());
          }
          case TRANSIENT -> {
            LOG.warnf("%s; retrying", f.getMessage());
            Thread.sleep(backoff.delay(++failures).toMillis());
          }
          case TERMINAL -> {
            fail(batch, f.reason(), f.getMessage());
            return;
          }
        }
      } catch (RuntimeException e) {
        LOG.errorf(e, "Unexpected failure on %s; retrying", branch.branch());
        Thread.sleep(backoff.delay(++failures).toMillis());
      }
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private CommitPushed pushedEvent(SystemBranch.Pushed pushed) {
    List<ShopSetRef> refs = new ArrayList<>();
    pushed.messages().forEach(m -> refs.addAll(CommitMessage.shopSets(m)));
    String last = pushed.messages().get(pushed.messages().size() - 1);
    return new CommitPushed(
        branch.repository(),
        branch.branch(),
        pushed.sha(),
        refs,
        pushed.filesChanged(),
        CommitMessage.subject(last),
        Instant.now());
  }

  private void fail(Batch batch, FailureReason reason, String message) throws InterruptedException {
    try {
      branch.resetToRemote();
    } catch (GitFailure | RuntimeException e) {
      LOG.debugf("Reset of %s failed: %s", branch.branch(), e.getMessage());
    }
    List<ShopSetRef> refs =
        batch.changes().renders().stream()
            .map(r ->
                new ShopSetRef(
                    r.namespace(), r.name(), r instanceof RenderResult rr ? rr.generation() : 0))
            .toList();
    CommitFailed failed =
        new CommitFailed(branch.repository(), branch.branch(), refs, reason.name(), message);
    LOG.warnf("Giving up on %s: %s (%s)", branch.branch(), reason, message);
    publish(() -> events.failed(failed));
    batch.complete();
  }

  private void publish(Runnable send) throws InterruptedException {
    for (int attempt = 1; running; attempt++) {
      try {
        send.run();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Cannot publish the commit event (%s); retrying", e.getMessage());
        Thread.sleep(backoff.delay(attempt).toMillis());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    branch.close();
  }
}
