package dev.shopset.notifier.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.notifier.app.ChannelLanes;
import dev.shopset.notifier.app.Notifications;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.rollouts} and hands each event to its channel's lane; the record is acked
 * once Slack accepted it, or nacked into {@code shopset.rollouts.dlq} (reason in the {@code
 * dead-letter-reason} header) when it cannot be read or Slack refuses it for good.
 */
@ApplicationScoped
public class RolloutConsumer {

  private final ChannelLanes lanes;
  private final NotifierMetrics metrics;
  private final Tracer tracer;

  public RolloutConsumer(Notifications notifications, NotifierMetrics metrics, Tracer tracer) {
    this.tracer = tracer;
    this.lanes = notifications.lanes();
    this.metrics = metrics;
  }

  @Incoming("rollouts")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    IncomingKafkaRecordMetadata<?, ?> meta =
        message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventCodec.decode(meta.getHeaders(), message.getPayload());
    } catch (EventDecodingException e) {
      return refuse(message, e.problem() + ": " + e.getMessage());
    }
    if (!(event.data() instanceof RolloutEvent rollout)) {
      return refuse(message, "NOT_A_ROLLOUT: " + event.type().type() + " on shopset.rollouts");
    }
    // Un-acked when refused at shutdown: the partition's next owner gets the record again.
    lanes.submit(
        new ChannelLanes.Work(
            event.id(),
            rollout,
            message::ack,
            e -> message.nack(new DeadLetterReason(e.reason())),
            () -> notifySpan(event, rollout)::close));
    return CompletableFuture.completedFuture(null);
  }

  /** The span of bringing one rollout event to Slack, in the trace the watcher started. */
  private Traced notifySpan(CloudEvent<ShopSetEvent> event, RolloutEvent rollout) {
    return Traced.span(tracer, "notify")
        .kind(SpanKind.CONSUMER)
        .parent(event.trace())
        .shopSet(rollout.rollout().namespace(), rollout.rollout().shopSet())
        .eventId(event.id())
        .attribute("cloudevents.event_type", event.type().type())
        .attribute("k8s.deployment.name", rollout.rollout().deployment())
        .attribute("shopset.rollout.id", rollout.rollout().id())
        .start();
  }

  private CompletionStage<Void> refuse(Message<byte[]> message, String reason) {
    metrics.deadLettered("undecodable");
    return message.nack(new DeadLetterReason(reason));
  }

  /** Why a record went to the dead-letter topic; its message becomes the reason header. */
  static final class DeadLetterReason extends RuntimeException {
    DeadLetterReason(String reason) {
      super(reason, null, false, false);
    }
  }
}
