package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.BranchFlow;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.CommitTracing;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.SystemBranches;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The system-branch writers of this instance, one per branch it owns: opened on first work, or when
 * the branch's partition is assigned to this instance and its clone is on disk ({@link #adopt});
 * closed when the partition is revoked ({@link #release}), before another instance may take the
 * branch.
 */
public final class Committers implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Committers.class);

  private final SystemBranches branches;
  private final CommitterSettings settings;
  private final SourceResolution resolution;
  private final CommitEvents events;
  private final BranchFlow flow;
  private final CommitTracing tracing;
  private final PusherMetrics metrics;
  private final BranchHealth health = new BranchHealth();
  private final AtomicLong refusedPins = new AtomicLong();
  private final Map<String, BranchCommitter> committers = new ConcurrentHashMap<>();

  public Committers(
      SystemBranches branches,
      CommitterSettings settings,
      SourceResolution resolution,
      CommitEvents events,
      BranchFlow flow) {
    this(branches, settings, resolution, events, flow, CommitTracing.NONE, PusherMetrics.NONE);
  }

  public Committers(
      SystemBranches branches,
      CommitterSettings settings,
      SourceResolution resolution,
      CommitEvents events,
      BranchFlow flow,
      CommitTracing tracing,
      PusherMetrics metrics) {
    this.tracing = tracing;
    this.branches = branches;
    this.settings = settings;
    this.resolution = resolution;
    this.events = events;
    this.flow = flow;
    this.metrics = metrics;
  }

  /** The writer of a system branch, opened on first use. */
  public BranchCommitter committer(BranchId id) {
    return committers.computeIfAbsent(
        id.key(),
        key -> {
          metrics.queue(id.branch(), () -> pending(id.branch()));
          return new BranchCommitter(
                  branches.open(id),
                  resolution,
                  events,
                  settings,
                  flow,
                  health,
                  refusedPins,
                  tracing,
                  metrics)
              .start();
        });
  }

  /** Work waiting for the writers of system branches named {@code branch} on this instance. */
  public int pending(String branch) {
    return committers.values().stream()
        .filter(c -> c.id().branch().equals(branch))
        .mapToInt(BranchCommitter::pending)
        .sum();
  }

  /** Opens the writers of the branches cloned on disk that {@code owned} says are ours. */
  public void adopt(Predicate<BranchId> owned) {
    for (BranchId id : branches.existing()) {
      if (owned.test(id) && !committers.containsKey(id.key())) {
        committer(id);
      }
    }
  }

  /**
   * Closes the writers of the branches {@code revoked} says are no longer ours, each waiting for a
   * push in flight (bounded); returns the branches released.
   */
  public List<BranchId> release(Predicate<BranchId> revoked) {
    List<BranchCommitter> closing = new ArrayList<>();
    committers
        .values()
        .removeIf(c -> {
          if (revoked.test(c.id())) {
            closing.add(c);
            return true;
          }
          return false;
        });
    closing.parallelStream().forEach(BranchCommitter::close);
    List<BranchId> released = closing.stream().map(BranchCommitter::id).toList();
    released.forEach(health::recovered);
    if (!released.isEmpty()) {
      LOG.infof("Released %d branches: %s", released.size(), released);
    }
    return released;
  }

  /** Every open writer. */
  public Collection<BranchCommitter> all() {
    return List.copyOf(committers.values());
  }

  /** The branches failing now. */
  public BranchHealth health() {
    return health;
  }

  /** Pin requests refused so far because they would have moved a pin backwards. */
  public long refusedPins() {
    return refusedPins.get();
  }

  @Override
  public void close() {
    release(b -> true);
  }
}
