package dev.shopset.watcher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.tracing.Traced;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.PromotionService;
import dev.shopset.watcher.kubernetes.SourceStatusService;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code shopset.promotion-results} and writes each result into its Promotion's status.
 * Undecodable records go to {@code shopset.promotion-results.dlq}. The write continues the
 * promotion's trace ({@code shopset.promotion status write}).
 */
@ApplicationScoped
public class PromotionResultsConsumer {

  private final PromotionService promotions;
  private final SourceStatusService sources;
  private final WatcherMetrics metrics;
  private final Tracer tracer;

  public PromotionResultsConsumer(
      PromotionService promotions,
      SourceStatusService sources,
      WatcherMetrics metrics,
      Tracer tracer) {
    this.promotions = promotions;
    this.sources = sources;
    this.metrics = metrics;
    this.tracer = tracer;
  }

  @Incoming("promotion-results")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    PromotionResult result;
    dev.shopset.contracts.cloudevents.CloudEvent<?> event;
    try {
      event = EventCodec.decode(CommitsConsumer.headers(message), message.getPayload());
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
    try (Traced write =
        Traced.span(tracer, "shopset.promotion status write")
            .kind(SpanKind.CONSUMER)
            .parent(event.trace())
            .eventId(event.id())
            .attribute("shopset.promotion", result.promotion())
            .attribute("shopset.promotion.outcome", result.outcome().name())
            .start()) {
      promotions.record(result);
      sources.record(result);
    }
    return message.ack();
  }
}
