package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.app.BranchCommitter;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.Work;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code shopset.sources} and offers each new head to every system branch writer; those whose
 * {@code .gitmodules} pin that repository and branch commit the bump. Acked when all pushed.
 */
@ApplicationScoped
public class SourceConsumer {

  private static final Logger LOG = Logger.getLogger(SourceConsumer.class);

  private final Committers committers;

  public SourceConsumer(Committers committers) {
    this.committers = committers;
  }

  @Incoming("sources")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    SourceChanged change;
    try {
      change = EventMessages.decode(message, SourceChanged.class, Topics.SOURCES);
    } catch (EventMessages.Refused e) {
      return message.nack(e);
    }
    SourceRef source = new SourceRef(change.repository(), change.branch());
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (BranchCommitter committer : committers.all()) {
      if (!pins(committer, source)) {
        continue;
      }
      Work.Source work = new Work.Source(change);
      committer.submit(work);
      done.add(work.done());
    }
    LOG.infof(
        "%s#%s is now at %s: %d system branches pin it",
        change.repository(), change.branch(), change.head(), done.size());
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).thenRun(message::ack);
    return CompletableFuture.completedFuture(null);
  }

  /** Read locally, no network: does this branch pin the changed source branch? */
  private static boolean pins(BranchCommitter committer, SourceRef source) {
    try {
      return committer.branch().pins().values().stream().anyMatch(p -> p.follows(source));
    } catch (GitFailure | RuntimeException e) {
      return true;
    }
  }
}
