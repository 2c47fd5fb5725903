package dev.shopset.watcher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.ApprovalActionService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code shopset.approvals}: carries out each approval-action-requested (Slack) through
 * {@link ApprovalActionService}; skips the watcher's own promotion-approval-state records.
 * Undecodable records go to {@code shopset.approvals.dlq}.
 */
@ApplicationScoped
public class ApprovalActionsConsumer {

  private final ApprovalActionService actions;
  private final WatcherMetrics metrics;

  public ApprovalActionsConsumer(ApprovalActionService actions, WatcherMetrics metrics) {
    this.actions = actions;
    this.metrics = metrics;
  }

  @Incoming("approvals")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    try {
      var event = EventCodec.decode(CommitsConsumer.headers(message), message.getPayload());
      if (event.data() instanceof ApprovalActionRequested action) {
        actions.carryOut(action);
      }
      return message.ack();
    } catch (EventDecodingException e) {
      metrics.deadLettered(Topics.APPROVALS, e.problem().name());
      return message.nack(e);
    } catch (IllegalArgumentException e) {
      metrics.deadLettered(Topics.APPROVALS, "InvalidAction");
      return message.nack(e);
    }
  }
}
