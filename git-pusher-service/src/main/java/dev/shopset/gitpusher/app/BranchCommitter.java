package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.Batch;
import dev.shopset.gitpusher.domain.BranchFlow;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.CommitTracing;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.domain.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The single writer of one system branch: takes its pending work in batches and tries each ({@link
 * BatchAttempt}) until it is pushed. A rejected push is re-applied; a transient failure retried
 * with backoff; work whose sources fail is held back ({@link Holds}) while the rest goes through; a
 * branch that fails terminally (credentials, permissions) keeps its batch and retries with the long
 * backoff, reported once and shown in readiness; work that can never succeed is refused (dead
 * letter). Work is done only when the push carrying it succeeded.
 */
public final class BranchCommitter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BranchCommitter.class);

  /** Transient failures in a row after which readiness shows the branch. */
  private static final int SHOWN_AFTER = 3;

  private final SystemBranch branch;
  private final BranchId id;
  private final BatchCollector collector;
  private final SourceResolution resolution;
  private final CommitReports reports;
  private final CommitterSettings settings;
  private final BranchFlow flow;
  private final BranchHealth health;
  private final AtomicLong refusedPins;
  private final PusherMetrics metrics;
  private final PendingWork pending = new PendingWork();
  private final Holds holds;
  private final CommitTracing tracing;
  private final AtomicBoolean full = new AtomicBoolean();
  private volatile boolean running = true;
  private volatile boolean busy;
  private FailureReason reportedBranchFailure;
  private Thread thread;

  public BranchCommitter(
      SystemBranch branch,
      SourceResolution resolution,
      CommitEvents events,
      CommitterSettings settings,
      BranchFlow flow,
      BranchHealth health,
      AtomicLong refusedPins) {
    this(
        branch,
        resolution,
        events,
        settings,
        flow,
        health,
        refusedPins,
        CommitTracing.NONE,
        PusherMetrics.NONE);
  }

  public BranchCommitter(
      SystemBranch branch,
      SourceResolution resolution,
      CommitEvents events,
      CommitterSettings settings,
      BranchFlow flow,
      BranchHealth health,
      AtomicLong refusedPins,
      CommitTracing tracing,
      PusherMetrics metrics) {
    this.tracing = tracing;
    this.metrics = metrics;
    this.branch = branch;
    this.id = new BranchId(branch.repository(), branch.branch());
    this.collector = settings.collector();
    this.resolution = resolution;
    this.reports = new CommitReports(id, events, settings.backoff(), () -> running);
    this.settings = settings;
    this.flow = flow;
    this.health = health;
    this.refusedPins = refusedPins;
    this.holds = new Holds(settings.heldBackoff());
  }

  /** Starts the writer thread. */
  public BranchCommitter start() {
    thread = Thread.ofVirtual().name("commit " + branch.branch()).start(this::run);
    return this;
  }

  /** Queues work; its {@link Work#done()} completes after the push (or when it is refused). */
  public void submit(Work work) {
    if (pending.put(work) >= settings.maxPending() && full.compareAndSet(false, true)) {
      LOG.infof("%s has %d items pending: holding its intake back", id.key(), pending.size());
      flow.full(id);
    }
  }

  public SystemBranch branch() {
    return branch;
  }

  public BranchId id() {
    return id;
  }

  /** Work pending (not yet in a batch). */
  public int pending() {
    return pending.size();
  }

  private void run() {
    try {
      while (running) {
        Duration wait =
            holds
                .nextDue()
                .map(due -> Duration.ofNanos(Math.max(1, due - System.nanoTime())))
                .orElse(null);
        List<Work> items = collector.next(pending, wait);
        drained();
        List<Work> all = new ArrayList<>(holds.take(items.stream().map(Work::key).toList(), now()));
        all.addAll(items);
        if (!all.isEmpty()) {
          process(Batch.of(all));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drained() {
    if (full.get()
        && pending.size() <= settings.maxPending() / 2
        && full.compareAndSet(true, false)) {
      LOG.infof("%s drained to %d items: taking work again", id.key(), pending.size());
      flow.drained(id);
    }
  }

  /**
   * Tries one batch until it is pushed (or refused); gives up only when the writer closes. One span
   * covers it, current meanwhile, so the commit events continue the batch's trace.
   */
  void process(Batch batch) throws InterruptedException {
    try (CommitTracing.BatchSpan span = tracing.batch(id, batch.renders(), batch.pins())) {
      process(batch, span);
    }
  }

  private void process(Batch batch, CommitTracing.BatchSpan span) throws InterruptedException {
    int rejections = 0;
    int failures = 0;
    int outages = 0;
    while (running) {
      busy = true;
      try {
        BatchAttempt.Outcome outcome = BatchAttempt.run(branch, batch, resolution);
        announce(outcome, batch.size());
        if (!outcome.pushed().nothing()) {
          span.pushed(
              outcome.pushed().sha(),
              outcome.done().stream()
                  .filter(Work.Render.class::isInstance)
                  .map(Work.Render.class::cast)
                  .toList());
        }
        settle(outcome);
        reportedBranchFailure = null;
        health.recovered(id);
        return;
      } catch (GitFailure f) {
        if (f.kind() == GitFailure.Kind.REJECTED) {
          metrics.rejected(branch.branch());
        } else {
          metrics.failed(branch.branch(), f.reason());
        }
        switch (f.kind()) {
          case REJECTED -> {
            if (++rejections > settings.maxRejections()) {
              rejections = 0;
              metrics.failed(branch.branch(), FailureReason.RetriesExhausted);
              batch =
                  whileFailing(
                      batch,
                      FailureReason.RetriesExhausted,
                      "the branch kept moving: " + f.getMessage(),
                      ++outages);
            } else {
              LOG.infof("Push to %s rejected (%d), re-applying", branch.branch(), rejections);
              pause(settings.backoff().delay(rejections));
            }
          }
          case TRANSIENT -> {
            LOG.warnf("%s; retrying", f.getMessage());
            if (++failures >= SHOWN_AFTER) {
              health.failing(id, f.reason(), f.getMessage());
            }
            pause(settings.backoff().delay(failures));
          }
          case TERMINAL -> batch = whileFailing(batch, f.reason(), f.getMessage(), ++outages);
          case INVALID -> {
            span.failed(f.reason().name());
            refuse(batch, f);
            return;
          }
        }
      } catch (RuntimeException e) {
        metrics.failed(branch.branch(), FailureReason.Unavailable);
        LOG.errorf(e, "Unexpected failure on %s; retrying", branch.branch());
        pause(settings.backoff().delay(++failures));
      } finally {
        busy = false;
      }
    }
  }

  private void announce(BatchAttempt.Outcome outcome, int size) throws InterruptedException {
    SystemBranch.Pushed pushed = outcome.pushed();
    if (pushed.nothing()) {
      return;
    }
    long[] nanos = outcome.nanos();
    metrics.pushed(
        branch.branch(),
        pushed.filesChanged(),
        outcome.shopSets(),
        outcome.pinsMoved(),
        nanos[0] + nanos[1] + nanos[2] + nanos[3],
        nanos[3]);
    long published = System.nanoTime();
    reports.pushed(pushed);
    if (pushed.unchanged()) {
      LOG.infof("Nothing to commit on %s: %d items already in git", branch.branch(), size);
      return;
    }
    branch.announced(pushed.sha());
    long[] ms = outcome.millis();
    LOG.infof(
        "Pushed %.12s to %s (%d items, %d held; fetch %d ms, sources %d ms, commit %d ms, push %d"
            + " ms, event %d ms)",
        pushed.sha(),
        branch.branch(),
        size,
        outcome.held().size(),
        ms[0],
        ms[1],
        ms[2],
        ms[3],
        (System.nanoTime() - published) / 1_000_000);
  }

  /** Done work is acknowledged; held work waits for its retry, its failure reported once. */
  private void settle(BatchAttempt.Outcome outcome) throws InterruptedException {
    for (Map.Entry<Work, GitFailure> e : outcome.held().entrySet()) {
      Work work = e.getKey();
      GitFailure failure = e.getValue();
      boolean news = holds.hold(work, failure.reason(), holds.attempts(work) + 1, now());
      if (news && work instanceof Work.Render render) {
        LOG.warnf(
            "Holding %s back on %s: %s", render.event().subject(), id.key(), failure.getMessage());
        reports.failed(List.of(render), failure.reason(), failure.getMessage() + heldNote());
      }
    }
    for (Map.Entry<Work, GitFailure> e : outcome.refused().entrySet()) {
      GitFailure failure = e.getValue();
      if (e.getKey() instanceof Work.Render render) {
        reports.failed(List.of(render), failure.reason(), failure.getMessage());
      }
      e.getKey().refuse(failure.reason(), failure.getMessage());
    }
    refusedPins.addAndGet(outcome.refusedPins());
    if (outcome.refusedPins() > 0) {
      metrics.pinsRefused(branch.branch(), outcome.refusedPins());
    }
    for (Work work : outcome.done()) {
      holds.succeeded(work);
      work.complete();
    }
  }

  private String heldNote() {
    return "; the rest of the branch goes on, this ShopSet is retried every "
        + settings.heldBackoff().ceiling(1).toSeconds()
        + "-"
        + settings.heldBackoff().max().toSeconds()
        + " s until its source answers";
  }

  /**
   * The whole branch failed terminally: report once, show in readiness, keep the batch, wait the
   * long backoff, then retry with whatever arrived meanwhile.
   */
  private Batch whileFailing(Batch batch, FailureReason reason, String message, int attempt)
      throws InterruptedException {
    resetToRemote();
    health.failing(id, reason, message);
    if (reason != reportedBranchFailure) {
      LOG.warnf(
          "Cannot write %s: %s (%s); keeping the batch and retrying", id.key(), reason, message);
      reports.failed(batch.renders(), reason, message);
      reportedBranchFailure = reason;
    }
    pause(settings.heldBackoff().delay(attempt));
    List<Work> more = new ArrayList<>();
    pending.drainTo(more, collector.maxCount());
    drained();
    return batch.plus(more);
  }

  /** Work that can never succeed: dead letters, and a {@code commit failed} for its ShopSets. */
  private void refuse(Batch batch, GitFailure f) throws InterruptedException {
    resetToRemote();
    LOG.warnf(
        "Refusing %d items on %s: %s (%s)", batch.size(), id.key(), f.reason(), f.getMessage());
    if (!batch.renders().isEmpty()) {
      reports.failed(batch.renders(), f.reason(), f.getMessage());
    }
    batch.units().forEach(w -> w.refuse(f.reason(), f.getMessage()));
  }

  private void resetToRemote() {
    try {
      branch.resetToRemote();
    } catch (GitFailure | RuntimeException e) {
      LOG.debugf("Reset of %s failed: %s", branch.branch(), e.getMessage());
    }
  }

  private static void pause(Duration delay) throws InterruptedException {
    Thread.sleep(delay.toMillis());
  }

  private static long now() {
    return System.nanoTime();
  }

  /**
   * Stops the writer: it takes no more work; a push in flight finishes or fails within {@link
   * CommitterSettings#closeWait()}, after which it is interrupted. Work not done stays
   * unacknowledged (the next owner of the branch receives it again).
   */
  @Override
  public void close() {
    running = false;
    if (thread != null) {
      if (!busy) {
        thread.interrupt();
      }
      try {
        if (!thread.join(settings.closeWait())) {
          LOG.warnf("%s still busy after %s: interrupting it", id.key(), settings.closeWait());
          thread.interrupt();
          thread.join(Duration.ofSeconds(2));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (full.getAndSet(false)) {
      flow.drained(id);
    }
    branch.close();
  }
}
