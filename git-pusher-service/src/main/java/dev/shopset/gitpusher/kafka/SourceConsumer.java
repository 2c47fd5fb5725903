package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.app.SourceRouter;
import dev.shopset.gitpusher.domain.CommitIds;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.WorkRefused;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.sources} (in its own consumer group: every instance's source changes are
 * routed by whichever instance holds the partition) and routes each new head to the system branches
 * that pin it ({@link SourceRouter}); acked once the pin requests are on the broker. A head that is
 * no commit id goes to the dead-letter topic. The pin requests continue the trace of the head move
 * ({@code shopset.sources receive}).
 */
@ApplicationScoped
public class SourceConsumer {

  private final SourceRouter router;
  private final PusherMetrics metrics;
  private final Tracer tracer;

  public SourceConsumer(SourceRouter router, PusherMetrics metrics, Tracer tracer) {
    this.router = router;
    this.metrics = metrics;
    this.tracer = tracer;
  }

  @Incoming("sources")
  @Blocking
  public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventMessages.decodeEvent(message, SourceChanged.class, Topics.SOURCES);
    } catch (EventMessages.Refused e) {
      return DeadLetters.nack(message, Topics.SOURCES, e, metrics);
    }
    SourceChanged change = (SourceChanged) event.data();
    String problem = CommitIds.problem("head", change.head());
    if (problem != null) {
      return DeadLetters.nack(
          message,
          Topics.SOURCES,
          new WorkRefused(FailureReason.InvalidSourceHead, problem),
          metrics);
    }
    try (Traced received =
        EventMessages.receiveSpan(tracer, event, Topics.SOURCES)
            .attribute("shopset.source.repository", change.repository())
            .attribute("shopset.source.branch", change.branch())
            .attribute("git.commit.sha", change.head())
            .start()) {
      router.route(change);
    }
    return message.ack();
  }
}
