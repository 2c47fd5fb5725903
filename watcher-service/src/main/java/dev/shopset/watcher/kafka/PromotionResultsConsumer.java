package dev.shopset.watcher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.PromotionService;
import dev.shopset.watcher.kubernetes.SourceStatusService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code shopset.promotion-results} and writes each result into its Promotion's status.
 * Undecodable records go to {@code shopset.promotion-results.dlq}.
 */
@ApplicationScoped
public class PromotionResultsConsumer {

  private final PromotionService promotions;
  private final SourceStatusService sources;
  private final WatcherMetrics metrics;

  public PromotionResultsConsumer(
      PromotionService promotions, SourceStatusService sources, WatcherMetrics metrics) {
    this.promotions = promotions;
    this.sources = sources;
    this.metrics = metrics;
  }

  @Incoming("promotion-results")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    PromotionResult result;
    try {
      var event = EventCodec.decode(CommitsConsumer.headers(message), message.getPayload());
      if (!(event.data() instanceof PromotionResult r)) {
        metrics.deadLettered(Topics.PROMOTION_RESULTS, "UnexpectedType");
        return message.nack(
            new IllegalArgumentException(
                event.type().type() + " does not belong on promotion-results"));
      }
      result = r;
    } catch (EventDecodingException e) {
      metrics.deadLettered(Topics.PROMOTION_RESULTS, e.problem().name());
      return message.nack(e);
    }
    promotions.record(result);
    sources.record(result);
    return message.ack();
  }
}
