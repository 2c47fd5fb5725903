package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.domain.BranchCommitter;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.git.Workspaces;
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

  private final Workspaces workspaces;

  public SourceConsumer(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  @Incoming("sources")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    CloudEvent<ShopSetEvent> event;
    try {
      event = RenderConsumer.decode(message);
    } catch (EventDecodingException e) {
      return message.nack(e);
    }
    if (!(event.data() instanceof SourceChanged change)) {
      return message.nack(
          new IllegalArgumentException(
              event.type().type() + " does not belong on shopset.sources"));
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (BranchCommitter committer : workspaces.all()) {
      if (!pins(committer, change)) {
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
  private static boolean pins(BranchCommitter committer, SourceChanged change) {
    try {
      return committer.workspace().pins().values().stream()
          .anyMatch(p ->
              p.url() != null
                  && RepositoryUrls.same(p.url(), change.repository())
                  && change.branch().equals(p.branch()));
    } catch (GitFailure | RuntimeException e) {
      return true;
    }
  }
}
