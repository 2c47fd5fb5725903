package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.GitPusherConfig;
import dev.shopset.gitpusher.domain.Backoff;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.git.Promoter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code shopset.promotions}, carries each out and publishes the result on {@code
 * shopset.promotion-results} (and, when the branch moved, its new head on {@code shopset.sources});
 * transient git trouble is retried with backoff before the ack.
 */
@ApplicationScoped
public class PromotionConsumer {

  private static final Logger LOG = Logger.getLogger(PromotionConsumer.class);

  private final Promoter promoter;
  private final EventPublisher publisher;
  private final Backoff backoff;

  public PromotionConsumer(Promoter promoter, EventPublisher publisher, GitPusherConfig config) {
    this.promoter = promoter;
    this.publisher = publisher;
    this.backoff = new Backoff(config.push().initialBackoff(), config.push().maxBackoff());
  }

  @Incoming("promotions")
  @Blocking
  public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
    CloudEvent<ShopSetEvent> event;
    try {
      event = RenderConsumer.decode(message);
    } catch (EventDecodingException e) {
      return message.nack(e);
    }
    if (!(event.data() instanceof PromotionRequested request)) {
      return message.nack(
          new IllegalArgumentException(
              event.type().type() + " does not belong on shopset.promotions"));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        PromotionResult result = promoter.promote(request);
        if (result.outcome() == PromotionResult.Outcome.SUCCEEDED && result.commit() != null) {
          // the next tier's pins follow at once, without waiting for the host's webhook or a poll
          publisher.sourceChanged(
              new SourceChanged(
                  request.appRepository(), request.toBranch(), null, result.commit()));
        }
        publisher.promotionResult(result);
        return message.ack();
      } catch (GitFailure f) {
        LOG.warnf("Promotion %s: %s; retrying", request.promotion(), f.getMessage());
        Thread.sleep(backoff.delay(attempt).toMillis());
      }
    }
  }
}
