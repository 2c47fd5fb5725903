package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.git.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * The single writer of one system branch: takes work in batches, commits each batch once, pushes,
 * and on a rejected push fetches, re-applies and pushes again. Work is marked done only when the
 * push carrying it succeeded or failed terminally (then a {@code CommitFailed} says why).
 */
public final class BranchCommitter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BranchCommitter.class);

  private final Workspace workspace;
  private final BatchCollector collector;
  private final CommitEvents events;
  private final int maxRejections;
  private final Backoff backoff;
  private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
  private volatile boolean running = true;
  private Thread thread;

  public BranchCommitter(
      Workspace workspace,
      BatchCollector collector,
      CommitEvents events,
      int maxRejections,
      Backoff backoff) {
    this.workspace = workspace;
    this.collector = collector;
    this.events = events;
    this.maxRejections = maxRejections;
    this.backoff = backoff;
  }

  /** Starts the writer thread. */
  public BranchCommitter start() {
    thread = Thread.ofVirtual().name("commit " + workspace.branch()).start(this::run);
    return this;
  }

  /** Queues work; its {@link Work#done()} completes after the push. */
  public void submit(Work work) {
    queue.add(work);
  }

  public Workspace workspace() {
    return workspace;
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
        workspace.sync();
        long synced = System.nanoTime();
        workspace.commit(
            batch.changes(),
            pins -> CommitMessage.of(workspace.branch(), batch.changes().renders(), pins));
        long committed = System.nanoTime();
        Workspace.Pushed pushed = workspace.push();
        if (!pushed.nothing()) {
          long done = System.nanoTime();
          publish(() -> events.pushed(pushedEvent(pushed)));
          workspace.announced(pushed.sha());
          LOG.infof(
              "Pushed %.12s to %s (%d items; fetch %d ms, commit %d ms, push %d ms, event %d ms)",
              pushed.sha(),
              workspace.branch(),
              batch.size(),
              (synced - start) / 1_000_000,
              (committed - synced) / 1_000_000,
              (done - committed) / 1_000_000,
              (System.nanoTime() - done) / 1_000_000);
        }
        batch.complete();
        return;
      } catch (GitFailure f) {
        switch (f.kind()) {
          case REJECTED -> {
            if (++rejections > maxRejections) {
              fail(batch, "RetriesExhausted", "the branch kept moving: " + f.getMessage());
              return;
            }
            LOG.infof("Push to %s rejected (%d), re-applying", workspace.branch(), rejections);
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
        LOG.errorf(e, "Unexpected failure on %s; retrying", workspace.branch());
        Thread.sleep(backoff.delay(++failures).toMillis());
      }
    }
  }

  private CommitPushed pushedEvent(Workspace.Pushed pushed) {
    List<ShopSetRef> refs = new ArrayList<>();
    pushed.messages().forEach(m -> refs.addAll(CommitMessage.shopSets(m)));
    String last = pushed.messages().get(pushed.messages().size() - 1);
    return new CommitPushed(
        workspace.repository(),
        workspace.branch(),
        pushed.sha(),
        refs,
        pushed.filesChanged(),
        CommitMessage.subject(last),
        Instant.now());
  }

  private void fail(Batch batch, String reason, String message) throws InterruptedException {
    try {
      workspace.resetToRemote();
    } catch (GitFailure | RuntimeException e) {
      LOG.debugf("Reset of %s failed: %s", workspace.branch(), e.getMessage());
    }
    List<ShopSetRef> refs =
        batch.changes().renders().stream()
            .map(r ->
                new ShopSetRef(
                    r.namespace(), r.name(), r instanceof RenderResult rr ? rr.generation() : 0))
            .toList();
    CommitFailed failed =
        new CommitFailed(workspace.repository(), workspace.branch(), refs, reason, message);
    LOG.warnf("Giving up on %s: %s (%s)", workspace.branch(), reason, message);
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
    workspace.close();
  }
}
