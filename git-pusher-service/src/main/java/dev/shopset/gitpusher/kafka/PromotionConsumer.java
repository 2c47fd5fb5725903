package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.gitpusher.app.Promotions;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.promotions} and has each carried out ({@link Promotions}); acked once its
 * result is on {@code shopset.promotion-results}. The result and the new head it publishes continue
 * the promotion's trace ({@code shopset.promotions receive}).
 */
@ApplicationScoped
public class PromotionConsumer {

  private final Promotions promotions;
  private final PusherMetrics metrics;
  private final Tracer tracer;

  public PromotionConsumer(Promotions promotions, PusherMetrics metrics, Tracer tracer) {
    this.promotions = promotions;
    this.metrics = metrics;
    this.tracer = tracer;
  }

  @Incoming("promotions")
  @Blocking
  public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventMessages.decodeEvent(message, PromotionRequested.class, Topics.PROMOTIONS);
    } catch (EventMessages.Refused e) {
      return DeadLetters.nack(message, Topics.PROMOTIONS, e, metrics);
    }
    PromotionRequested request = (PromotionRequested) event.data();
    try (Traced received =
        EventMessages.receiveSpan(tracer, event, Topics.PROMOTIONS)
            .attribute("shopset.promotion", request.promotion())
            .attribute("shopset.branch", request.toBranch())
            .start()) {
      promotions.carryOut(request);
    }
    return message.ack();
  }
}
