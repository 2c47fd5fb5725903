package dev.shopset.notifier.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.notifier.app.Notifications;
import dev.shopset.notifier.app.PromotionNotifier;
import dev.shopset.notifier.domain.MessageStore;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.domain.SlackException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code shopset.approvals}: each promotion-approval-state (from the watcher) brings its
 * Promotion's Slack message up to date; the notifier's own approval-action-requested records are
 * skipped. Acked once Slack accepted it; undecodable records and Slack's terminal refusals go to
 * {@code shopset.approvals.dlq} (shared with the watcher) with the reason in {@code
 * dead-letter-reason}.
 */
@ApplicationScoped
public class ApprovalStateConsumer {

  private static final Logger LOG = Logger.getLogger(ApprovalStateConsumer.class);

  private final PromotionNotifier notifier;
  private final Notifications.MessagesLoaded messagesLoaded;
  private final NotifierMetrics metrics;

  public ApprovalStateConsumer(Notifications notifications, NotifierMetrics metrics) {
    this.notifier = notifications.promotions();
    this.messagesLoaded = notifications.messagesLoaded();
    this.metrics = metrics;
  }

  @Incoming("approvals")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
    IncomingKafkaRecordMetadata<?, ?> meta =
        message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventCodec.decode(meta.getHeaders(), message.getPayload());
    } catch (EventDecodingException e) {
      // The watcher dead-letters it (it reads this whole topic too).
      return message.ack();
    }
    if (!(event.data() instanceof PromotionApprovalState state)) {
      return message.ack();
    }
    messagesLoaded.await();
    try {
      handleRetryingStore(event.id(), state);
    } catch (SlackException e) {
      LOG.errorf(
          "Slack refused the message of Promotion %s for good (%s): check the channel and the"
              + " bot's membership; the Promotion's status is unaffected",
          state.promotion(), e.reason());
    }
    return message.ack();
  }

  /** The mapping topic may be briefly unwritable (leader change): try again, as the lanes do. */
  private void handleRetryingStore(String eventId, PromotionApprovalState state)
      throws SlackException, InterruptedException {
    for (int failures = 1; ; failures++) {
      try {
        notifier.handle(eventId, state);
        return;
      } catch (MessageStore.StoreException e) {
        metrics.retried("store");
        Thread.sleep(MessageStore.RETRY.delay(failures));
      }
    }
  }
}
