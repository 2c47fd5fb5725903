package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.PinRequests;
import dev.shopset.gitpusher.domain.SourceRef;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Routes a new source head to the system branches that pin that source ({@link PinDirectory}): one
 * {@code PinRequested} per branch on {@code shopset.renders}, keyed by the branch, so it reaches
 * the branch's one writer in order with its renders, whichever instance owns it. Branches whose
 * Tier is frozen get none, but for an explicit rollback. Returns once every request is on the
 * broker; before the directory has read the desired state it routes nothing (waits).
 */
public final class SourceRouter {

  private static final Logger LOG = Logger.getLogger(SourceRouter.class);

  private final PinDirectory directory;
  private final PinRequests requests;
  private final Backoff backoff;

  public SourceRouter(PinDirectory directory, PinRequests requests, Backoff backoff) {
    this.directory = directory;
    this.requests = requests;
    this.backoff = backoff;
  }

  /**
   * Publishes the pin requests of {@code change}; returns how many branches get one (those that pin
   * it and are not frozen, or all of them for a rollback).
   */
  public int route(SourceChanged change) throws InterruptedException {
    while (!directory.awaitLoaded(Duration.ofSeconds(30))) {
      LOG.infof(
          "Holding %s#%s until the desired state is read", change.repository(), change.branch());
    }
    Set<BranchId> branches = directory.pinners(new SourceRef(change.repository(), change.branch()));
    if (!change.rollback()) {
      // a frozen Tier takes no new code; its pins catch up at the first poll after it thaws
      Set<BranchId> frozen = new LinkedHashSet<>();
      branches.removeIf(b -> directory.frozen(b) && frozen.add(b));
      for (BranchId b : frozen) {
        LOG.infof(
            "%s#%s is now at %s: not pinned on %s, whose Tier is frozen",
            change.repository(), change.branch(), change.head(), b.key());
      }
    }
    for (BranchId branch : branches) {
      PinRequested request =
          new PinRequested(
              branch.repository(),
              branch.branch(),
              change.repository(),
              change.branch(),
              change.previousHead(),
              change.head(),
              change.rollback());
      for (int attempt = 1; ; attempt++) {
        try {
          requests.requested(request);
          break;
        } catch (RuntimeException e) {
          LOG.warnf(
              "Cannot publish the pin request for %s (%s); retrying", branch.key(), e.getMessage());
          Thread.sleep(backoff.delay(attempt).toMillis());
        }
      }
    }
    LOG.infof(
        "%s#%s is now at %s%s: %d system branches pin it",
        change.repository(),
        change.branch(),
        change.head(),
        change.rollback() ? " (rollback)" : "",
        branches.size());
    return branches.size();
  }
}
