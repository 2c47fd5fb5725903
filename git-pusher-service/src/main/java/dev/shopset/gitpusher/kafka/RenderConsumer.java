package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.gitpusher.domain.RenderCheck;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.git.Workspaces;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.renders} and hands each event to its branch's writer; the message is acked
 * when the push carrying it succeeded. Unreadable records, and render events reaching beyond their
 * own ShopSet ({@link RenderCheck}), go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class RenderConsumer {

  private final Workspaces workspaces;

  public RenderConsumer(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  @Incoming("renders")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    CloudEvent<ShopSetEvent> event;
    try {
      event = decode(message);
    } catch (EventDecodingException e) {
      return message.nack(e);
    }
    if (!(event.data() instanceof RenderEvent render)) {
      return message.nack(
          new IllegalArgumentException(
              event.type().type() + " does not belong on shopset.renders"));
    }
    var refused = RenderCheck.problem(render);
    if (refused.isPresent()) {
      return message.nack(new IllegalArgumentException(refused.get()));
    }
    Work.Render work = new Work.Render(render);
    workspaces.committer(render.systemRepository(), render.branch()).submit(work);
    work.done().thenRun(message::ack);
    return CompletableFuture.completedFuture(null);
  }

  static CloudEvent<ShopSetEvent> decode(Message<byte[]> message) {
    Headers headers =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(IncomingKafkaRecordMetadata::getHeaders)
            .orElse(null);
    return EventCodec.decode(headers, message.getPayload());
  }
}
