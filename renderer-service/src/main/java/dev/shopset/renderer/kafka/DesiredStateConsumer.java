package dev.shopset.renderer.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.renderer.domain.InvalidDesiredStateException;
import dev.shopset.renderer.domain.ShopSetRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code shopset.desired}, renders each ShopSet and publishes the result on {@code
 * shopset.renders}. Tombstones are skipped; records that can never be rendered go to {@code
 * shopset.desired.dlq}. The offset is committed only once the render or dead letter is acked.
 */
@ApplicationScoped
public class DesiredStateConsumer {

  private static final Logger LOG = Logger.getLogger(DesiredStateConsumer.class);

  private final ShopSetRenderer renderer;
  private final RenderPublisher publisher;

  public DesiredStateConsumer(ShopSetRenderer renderer, RenderPublisher publisher) {
    this.renderer = renderer;
    this.publisher = publisher;
  }

  @Incoming("desired")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      // Compaction marker after a ShopSetDeleted: the removal was already rendered.
      return Uni.createFrom().voidItem();
    }
    RenderEvent rendered;
    try {
      CloudEvent<ShopSetEvent> event = EventCodec.decode(record.headers(), record.value());
      if (!(event.data() instanceof DesiredStateEvent desired)) {
        return deadLetter(
            record, "UnexpectedType", event.type().type() + " does not belong on this topic");
      }
      rendered = renderer.render(desired);
    } catch (EventDecodingException e) {
      return deadLetter(record, e.problem().name(), e.getMessage());
    } catch (InvalidDesiredStateException e) {
      return deadLetter(record, "InvalidDesiredState", e.getMessage());
    } catch (RuntimeException e) {
      // Rendering is a pure function: what fails once fails on every retry.
      return deadLetter(
          record, "RenderFailed", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return publisher.publish(rendered);
  }

  private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String problem, String why) {
    LOG.warnf(
        "Dead-lettering %s-%d@%d (key %s): %s",
        record.topic(), record.partition(), record.offset(), record.key(), why);
    return publisher.deadLetter(record, problem, why);
  }
}
