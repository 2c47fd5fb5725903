package dev.shopset.notifier.app;

import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.notifier.domain.MessageStore;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.domain.ReliableSlack;
import dev.shopset.notifier.domain.RolloutNotifier;
import dev.shopset.notifier.domain.SlackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One worker per Slack channel, in arrival order: a channel that is rate-limited or failing holds
 * up only its own rollouts. Progress reports superseded by a later event of the same rollout,
 * queued while the worker waited, are skipped (acked) rather than sent: a burst becomes one update.
 */
public final class ChannelLanes implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ChannelLanes.class);

  /**
   * One event to bring to Slack, with what to do once it is done or refused for good.
   *
   * @param trace opens the event's trace on the lane's thread while it is handled (its Slack calls
   *     are spans in it)
   */
  public record Work(
      String eventId,
      RolloutEvent event,
      Runnable done,
      Consumer<SlackException> refused,
      TraceScope trace) {

    public Work(
        String eventId, RolloutEvent event, Runnable done, Consumer<SlackException> refused) {
      this(eventId, event, done, refused, TraceScope.NONE);
    }
  }

  /** Makes a work's trace current on the thread that handles it, until closed. */
  @FunctionalInterface
  public interface TraceScope {
    TraceScope NONE = () -> () -> {};

    Open open();

    /** The trace, current until closed. */
    interface Open extends AutoCloseable {
      @Override
      void close();
    }
  }

  private final RolloutNotifier notifier;
  private final ReliableSlack slack;
  private final NotifierMetrics metrics;
  private final CountDownLatch ready;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param ready opened once the message mapping is loaded; no lane works before
   */
  public ChannelLanes(
      RolloutNotifier notifier,
      ReliableSlack slack,
      NotifierMetrics metrics,
      CountDownLatch ready) {
    this.notifier = notifier;
    this.slack = slack;
    this.metrics = metrics;
    this.ready = ready;
  }

  /** Queues the work in its channel's lane; false (and never done) once the lanes are closed. */
  public boolean submit(Work work) {
    if (closed) {
      return false;
    }
    String channel = notifier.channelOf(work.event());
    lanes.computeIfAbsent(channel, Lane::new).queue.add(work);
    return true;
  }

  /**
   * The channels whose lane has been working on one record since longer than {@code limit} (Slack
   * down, or a long Retry-After), with how long.
   */
  public Map<String, java.time.Duration> heldBack(java.time.Instant now, java.time.Duration limit) {
    Map<String, java.time.Duration> held = new java.util.TreeMap<>();
    lanes.forEach((channel, lane) -> {
      java.time.Instant since = lane.busySince;
      if (since != null) {
        java.time.Duration waited = java.time.Duration.between(since, now);
        if (waited.compareTo(limit) > 0) {
          held.put(channel, waited);
        }
      }
    });
    return held;
  }

  /** Records queued or in progress, all channels. */
  public int pending() {
    return lanes.values().stream().mapToInt(l -> l.queue.size() + (l.busy ? 1 : 0)).sum();
  }

  @Override
  public void close() {
    closed = true;
    lanes.values().forEach(l -> l.thread.interrupt());
  }

  private final class Lane {
    final String channel;
    final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    final Thread thread;
    volatile boolean busy;
    volatile java.time.Instant busySince;

    Lane(String channel) {
      this.channel = channel;
      this.thread = Thread.ofVirtual().name("slack-lane-" + channel).start(this::run);
    }

    void run() {
      try {
        ready.await();
        while (!closed) {
          Work work = queue.take();
          busy = true;
          busySince = java.time.Instant.now();
          process(work);
          busySince = null;
          busy = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void process(Work work) throws InterruptedException {
      try (TraceScope.Open trace = work.trace().open()) {
        handle(work);
      }
    }

    private void handle(Work work) throws InterruptedException {
      boolean budgetTaken = false;
      if (work.event() instanceof RolloutProgressing) {
        if (supersededInQueue(work)) {
          metrics.coalesced();
          work.done().run();
          return;
        }
        if (slack.supportsUpdates()) {
          slack.awaitUpdateBudget();
          budgetTaken = true;
          if (supersededInQueue(work)) {
            metrics.coalesced();
            work.done().run();
            return;
          }
        }
      }
      int storeFailures = 0;
      while (true) {
        try {
          notifier.handle(work.eventId(), work.event(), budgetTaken);
          work.done().run();
          return;
        } catch (MessageStore.StoreException e) {
          // The mapping could not be written: Slack's side is idempotent, so do it all again.
          LOG.warnf(
              "Storing the message of %s failed, retrying: %s", work.event().rollout().id(), e);
          Thread.sleep(MessageStore.RETRY.delay(++storeFailures));
          budgetTaken = false;
        } catch (SlackException e) {
          metrics.deadLettered(e.reason());
          work.refused().accept(e);
          return;
        } catch (RuntimeException e) {
          // A bug or an unreadable mapping: refuse it like a terminal error rather than stall.
          LOG.errorf(e, "Rollout %s in %s failed", work.event().rollout().id(), channel);
          work.refused().accept(SlackException.terminal("internal_error: " + e));
          return;
        }
      }
    }

    boolean supersededInQueue(Work work) {
      String id = work.event().rollout().id();
      List<Work> later = new ArrayList<>(queue);
      return later.stream().anyMatch(w -> w.event().rollout().id().equals(id));
    }
  }
}
