package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.app.SourceRouter;
import dev.shopset.gitpusher.domain.CommitIds;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.WorkRefused;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.sources} (in its own consumer group: every instance's source changes are
 * routed by whichever instance holds the partition) and routes each new head to the system branches
 * that pin it ({@link SourceRouter}); acked once the pin requests are on the broker. A head that is
 * no commit id goes to the dead-letter topic.
 */
@ApplicationScoped
public class SourceConsumer {

  private final SourceRouter router;
  private final PusherMetrics metrics;

  public SourceConsumer(SourceRouter router, PusherMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
  }

  @Incoming("sources")
  @Blocking
  public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
    SourceChanged change;
    try {
      change = EventMessages.decode(message, SourceChanged.class, Topics.SOURCES);
    } catch (EventMessages.Refused e) {
      return DeadLetters.nack(message, Topics.SOURCES, e, metrics);
    }
    String problem = CommitIds.problem("head", change.head());
    if (problem != null) {
      return DeadLetters.nack(
          message,
          Topics.SOURCES,
          new WorkRefused(FailureReason.InvalidSourceHead, problem),
          metrics);
    }
    router.route(change);
    return message.ack();
  }
}
