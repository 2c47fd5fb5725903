package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.GitPusherConfig;
import dev.shopset.gitpusher.domain.BranchCommitter;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.kafka.EventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The fallback to webhooks: every interval, {@code ls-remote} of each source branch the system
 * branches pin; a head other than the pin becomes a {@code SourceChanged} on {@code
 * shopset.sources}.
 */
@ApplicationScoped
public class SourcePoller {

  private static final Logger LOG = Logger.getLogger(SourcePoller.class);

  private final GitPusherConfig config;
  private final Workspaces workspaces;
  private final RemoteHeads remoteHeads;
  private final SourceBranches sources;
  private final EventPublisher publisher;
  private ScheduledExecutorService scheduler;

  public SourcePoller(
      GitPusherConfig config,
      Workspaces workspaces,
      RemoteHeads heads,
      SourceBranches sources,
      EventPublisher publisher) {
    this.config = config;
    this.workspaces = workspaces;
    this.remoteHeads = heads;
    this.sources = sources;
    this.publisher = publisher;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.poll().enabled()) {
      long millis = config.poll().interval().toMillis();
      scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
      scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /** One round: publishes a change for every pinned source branch whose head moved. */
  public void poll() {
    Map<String, Map<String, String>> headsByUrl = new HashMap<>();
    for (BranchCommitter committer : workspaces.all()) {
      try {
        for (Workspace.Pin pin : committer.workspace().pins().values()) {
          if (pin.url() == null || pin.branch() == null) {
            continue;
          }
          Map<String, String> heads = headsByUrl.get(pin.url());
          if (heads == null) {
            heads = remoteHeads.heads(pin.url());
            headsByUrl.put(pin.url(), heads);
          }
          String head = heads.get(pin.branch());
          if (head == null && pin.sha() == null) {
            // a tier branch still missing in its repository: create it now if its tier is known
            head = sources.head(pin.url(), pin.branch());
          }
          if (head != null && !head.equals(pin.sha())) {
            publisher.sourceChanged(new SourceChanged(pin.url(), pin.branch(), pin.sha(), head));
          }
        }
      } catch (GitFailure | RuntimeException e) {
        LOG.warnf("Poll of %s failed: %s", committer.workspace().branch(), e.getMessage());
      }
    }
  }
}
