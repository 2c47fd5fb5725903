package dev.shopset.renderer.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.renderer.config.RendererConfig;
import dev.shopset.renderer.domain.InvalidDesiredStateException;
import dev.shopset.renderer.domain.Refusals;
import dev.shopset.renderer.domain.ShopSetRenderer;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code shopset.desired}, renders each ShopSet and publishes the result on {@code
 * shopset.renders}. Tombstones are skipped; records that can never be rendered go to {@code
 * shopset.desired.dlq}, and a refused ShopSet also gets a {@code RenderRefused} on {@code
 * shopset.commits} for its status. The offset is committed only once those sends are acked.
 *
 * <p>Records come a poll at a time: every record of the poll is rendered and sent in offset order,
 * then the poll is acknowledged once the broker has acknowledged every one of its sends. Waiting
 * for each send before rendering the next held the renderer to one broker round trip per ShopSet
 * (about 100 ShopSets a second on a busy machine); ordering per key is kept by the idempotent
 * producer, which sends in order.
 *
 * <p>Each render is a span ({@code render}) in the trace of the desired state it renders ({@code
 * ce_traceparent}); the render (or refusal) it sends carries that span on.
 */
@ApplicationScoped
public class DesiredStateConsumer {

  private static final Logger LOG = Logger.getLogger(DesiredStateConsumer.class);

  /** Longest message carried into a refusal (an unexpected exception's text can be anything). */
  private static final int MAX_MESSAGE = 2000;

  private final ShopSetRenderer renderer;
  private final RenderPublisher publisher;
  private final int maxRecordBytes;
  private final Tracer tracer;
  private final RendererMetrics metrics;

  public DesiredStateConsumer(
      ShopSetRenderer renderer,
      RenderPublisher publisher,
      RendererConfig config,
      Tracer tracer,
      RendererMetrics metrics) {
    this.tracer = tracer;
    this.renderer = renderer;
    this.publisher = publisher;
    this.maxRecordBytes = config.maxRecordBytes();
    this.metrics = metrics;
  }

  @Incoming("desired")
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    List<Uni<Void>> sends = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() != null) {
        // A null value is the compaction marker after a ShopSetDeleted: already rendered.
        sends.add(consume(record));
      }
    }
    if (sends.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    // Subscribed in list order, so the records are sent in offset order.
    return Uni.join().all(sends).andFailFast().replaceWithVoid();
  }

  /** Renders one record; the returned Uni sends its result (or refusal) when subscribed. */
  private Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    long start = System.nanoTime();
    DesiredStateEvent desired;
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventCodec.decode(record.headers(), record.value());
      if (!(event.data() instanceof DesiredStateEvent d)) {
        metrics.failed("UnexpectedType", 0);
        return deadLetter(
            record, "UnexpectedType", event.type().type() + " does not belong on this topic");
      }
      desired = d;
    } catch (EventDecodingException e) {
      metrics.failed("Undecodable", 0);
      return deadLetter(record, e.problem().name(), e.getMessage());
    }
    try (Traced span =
        Traced.span(tracer, "render")
            .kind(SpanKind.CONSUMER)
            .parent(event.trace())
            .shopSet(desired.namespace(), desired.name())
            .eventId(event.id())
            .attribute("cloudevents.event_type", event.type().type())
            .attribute("messaging.system", "kafka")
            .attribute("messaging.destination.name", Topics.DESIRED)
            .start()) {
      return render(record, desired, span, start);
    }
  }

  /** Renders {@code desired}, in its span: the records it sends continue the trace. */
  private Uni<Void> render(
      ConsumerRecord<String, byte[]> record, DesiredStateEvent desired, Traced span, long start) {
    RenderPublisher.Encoded render;
    try {
      render = publisher.encode(renderer.render(desired));
    } catch (InvalidDesiredStateException e) {
      metrics.failed(Refusals.INVALID_DESIRED_STATE, System.nanoTime() - start);
      span.failed(Refusals.INVALID_DESIRED_STATE);
      return refuse(record, desired, Refusals.INVALID_DESIRED_STATE, e.getMessage());
    } catch (RuntimeException e) {
      metrics.failed(Refusals.RENDER_FAILED, System.nanoTime() - start);
      // Rendering is a pure function: what fails once fails on every retry.
      span.failed(e);
      return refuse(
          record,
          desired,
          Refusals.RENDER_FAILED,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (render.size() > maxRecordBytes) {
      metrics.failed(Refusals.RENDER_TOO_LARGE, System.nanoTime() - start);
      // The producer (and the broker) would reject it, failing the channel on every restart.
      span.failed(Refusals.RENDER_TOO_LARGE);
      return refuse(
          record,
          desired,
          Refusals.RENDER_TOO_LARGE,
          Refusals.tooLarge(desired, render.size(), maxRecordBytes));
    }
    metrics.rendered(System.nanoTime() - start);
    return publisher.publish(render);
  }

  /** Dead-letters the record and tells the ShopSet's status why (unless it was a deletion). */
  private Uni<Void> refuse(
      ConsumerRecord<String, byte[]> record,
      DesiredStateEvent desired,
      String reason,
      String message) {
    String why = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    Uni<Void> deadLetter = deadLetter(record, reason, why);
    return Refusals.of(desired, reason, why)
        .map(refusal ->
            Uni.join().all(deadLetter, publisher.refuse(refusal)).andFailFast().replaceWithVoid())
        .orElse(deadLetter);
  }

  private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String problem, String why) {
    LOG.warnf(
        "Dead-lettering %s-%d@%d (key %s): %s",
        record.topic(), record.partition(), record.offset(), record.key(), why);
    metrics.deadLettered(problem);
    return publisher.deadLetter(record, problem, why);
  }
}
