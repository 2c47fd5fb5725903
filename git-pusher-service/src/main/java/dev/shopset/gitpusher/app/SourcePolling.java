package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.SourceEvents;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SourceResolver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The fallback to webhooks: every interval, {@code ls-remote} of each source branch the system
 * branches of this instance pin; a head other than the pin becomes a {@code SourceChanged} on
 * {@code shopset.sources}. A pinned tier branch still missing in its repository is created now if
 * its tier is known.
 */
public final class SourcePolling implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SourcePolling.class);

  private final Committers committers;
  private final SourceResolver sources;
  private final SourceEvents events;
  private ScheduledExecutorService scheduler;

  public SourcePolling(Committers committers, SourceResolver sources, SourceEvents events) {
    this.committers = committers;
    this.sources = sources;
    this.events = events;
  }

  /** Polls every {@code interval} from now on. */
  public synchronized void start(Duration interval) {
    long millis = interval.toMillis();
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One round: publishes a change for every pinned source branch whose head moved. */
  public void poll() {
    Map<String, Map<String, String>> headsByUrl = new HashMap<>();
    for (BranchCommitter committer : committers.all()) {
      try {
        for (Pin pin : committer.branch().pins().values()) {
          if (pin.url() == null || pin.branch() == null) {
            continue;
          }
          Map<String, String> heads = headsByUrl.get(pin.url());
          if (heads == null) {
            heads = sources.heads(pin.url());
            headsByUrl.put(pin.url(), heads);
          }
          String head = heads.get(pin.branch());
          if (head == null && pin.sha() == null) {
            head = sources.headOrCreate(new SourceRef(pin.url(), pin.branch())).orElse(null);
          }
          if (head != null && !head.equals(pin.sha())) {
            events.sourceChanged(new SourceChanged(pin.url(), pin.branch(), pin.sha(), head));
          }
        }
      } catch (GitFailure | RuntimeException e) {
        LOG.warnf("Poll of %s failed: %s", committer.branch().branch(), e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
