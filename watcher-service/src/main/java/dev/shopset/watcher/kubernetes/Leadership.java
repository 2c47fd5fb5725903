package dev.shopset.watcher.kubernetes;

import dev.shopset.watcher.WatcherConfig;
import dev.shopset.watcher.WatcherMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Active/standby between watcher replicas through a Lease (fabric8's LeaderElector): only the
 * holder reconciles and publishes; the standby keeps its informers warm and takes over within the
 * lease duration of the leader's death. Each time this replica starts leading, the {@link #term()}
 * moves on, so the worker knows to start from the cluster and the desired topic again.
 */
@ApplicationScoped
public class Leadership {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  private final KubernetesClient client;
  private final WatcherConfig.LeaderElection config;
  private final String identity;
  private final AtomicLong term = new AtomicLong();
  private volatile boolean leading;
  private volatile String leader;
  private volatile boolean running;
  private volatile CompletableFuture<?> election;
  private Thread candidate;

  public Leadership(KubernetesClient client, WatcherConfig config, WatcherMetrics metrics) {
    this.client = client;
    this.config = config.leaderElection();
    this.identity = this.config.identity().orElse("watcher-" + UUID.randomUUID());
    metrics.leader(() -> leading ? 1 : 0);
  }

  /** Starts competing for the Lease (or leads at once when election is off). */
  void start() {
    running = true;
    if (!config.enabled()) {
      lead();
      return;
    }
    candidate = new Thread(this::compete, "watcher-leader-election");
    candidate.setDaemon(true);
    candidate.start();
  }

  void stop() {
    running = false;
    CompletableFuture<?> current = election;
    if (current != null) {
      // Releases the Lease, so a standby takes over at once instead of after the lease duration.
      current.cancel(true);
    }
    if (candidate != null) {
      candidate.interrupt();
    }
    leading = false;
  }

  /** Whether this replica leads now. */
  public boolean leading() {
    return leading;
  }

  /** Whether this replica still leads in {@code term}. */
  boolean leading(long term) {
    return leading && this.term.get() == term;
  }

  /** The number of times this replica started leading (0: never). */
  long term() {
    return term.get();
  }

  /** Who holds the Lease, as far as this replica knows. */
  public String leader() {
    return leader;
  }

  public String identity() {
    return identity;
  }

  private void compete() {
    String namespace =
        config
            .leaseNamespace()
            .orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
    while (running) {
      try {
        LeaderElector elector =
            client
                .leaderElector()
                .withConfig(
                    new LeaderElectionConfigBuilder()
                        .withName("shopset-watcher")
                        .withLock(new LeaseLock(namespace, config.leaseName(), identity))
                        .withLeaseDuration(config.leaseDuration())
                        .withRenewDeadline(config.renewDeadline())
                        .withRetryPeriod(config.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(
                            new LeaderCallbacks(this::lead, this::follow, this::newLeader))
                        .build())
                .build();
        election = elector.start();
        election.join();
      } catch (RuntimeException e) {
        if (running) {
          LOG.warnf("Leader election of %s interrupted, competing again: %s", identity, e);
        }
      }
      follow();
      if (running) {
        pause();
      }
    }
  }

  private void lead() {
    long now = term.incrementAndGet();
    leading = true;
    leader = identity;
    LOG.infof("%s leads (term %d): reconciling", identity, now);
  }

  private void follow() {
    if (leading) {
      LOG.infof("%s no longer leads: standing by", identity);
    }
    leading = false;
  }

  private void newLeader(String holder) {
    leader = holder;
    if (!identity.equals(holder)) {
      LOG.infof("%s stands by; %s leads", identity, holder);
    }
  }

  private void pause() {
    try {
      Thread.sleep(config.retryPeriod().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
