package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.gitpusher.app.Promotions;
import dev.shopset.gitpusher.domain.PusherMetrics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.promotions} and has each carried out ({@link Promotions}); acked once its
 * result is on {@code shopset.promotion-results}.
 */
@ApplicationScoped
public class PromotionConsumer {

  private final Promotions promotions;
  private final PusherMetrics metrics;

  public PromotionConsumer(Promotions promotions, PusherMetrics metrics) {
    this.promotions = promotions;
    this.metrics = metrics;
  }

  @Incoming("promotions")
  @Blocking
  public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
    PromotionRequested request;
    try {
      request = EventMessages.decode(message, PromotionRequested.class, Topics.PROMOTIONS);
    } catch (EventMessages.Refused e) {
      return DeadLetters.nack(message, Topics.PROMOTIONS, e, metrics);
    }
    promotions.carryOut(request);
    return message.ack();
  }
}
