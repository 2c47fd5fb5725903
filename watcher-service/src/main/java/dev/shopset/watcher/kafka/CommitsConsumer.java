package dev.shopset.watcher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.CommitEvent;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.tracing.Traced;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.ShopSetStatuses;
import dev.shopset.watcher.kubernetes.SourceStatusService;
import dev.shopset.watcher.kubernetes.StatusWriter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code shopset.commits} and writes Rendered/Committed (and Ready) and lastCommit into
 * the status of each ShopSet a commit carries, or Rendered=False for a render the renderer refused.
 * Undecodable records go to {@code shopset.commits.dlq}, with the reason. Status writes retry
 * conflicts and wait out an unreachable API server (the offset stays where it is meanwhile); only a
 * terminal rejection sends a record to the dead-letter topic. Each ShopSet's status write is a span
 * ({@code shopset status write}) in the trace of the commit ({@code ce_traceparent}).
 */
@ApplicationScoped
public class CommitsConsumer {

  private final StatusWriter status;
  private final SourceStatusService sources;
  private final Tracer tracer;
  private final WatcherMetrics metrics;

  public CommitsConsumer(
      StatusWriter status, SourceStatusService sources, Tracer tracer, WatcherMetrics metrics) {
    this.tracer = tracer;
    this.status = status;
    this.sources = sources;
    this.metrics = metrics;
  }

  @Incoming("commits")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    CommitEvent commit;
    CloudEvent<ShopSetEvent> event;
    try {
      event = EventCodec.decode(headers(message), message.getPayload());
      if (!(event.data() instanceof CommitEvent c)) {
        metrics.deadLettered(Topics.COMMITS, "UnexpectedType");
        return message.nack(
            new IllegalArgumentException(event.type().type() + " does not belong on commits"));
      }
      commit = c;
    } catch (EventDecodingException e) {
      metrics.deadLettered(Topics.COMMITS, e.problem().name());
      return message.nack(e);
    }
    for (var ref : commit.shopSets()) {
      try (Traced write =
          Traced.span(tracer, "shopset status write")
              .kind(SpanKind.CONSUMER)
              .parent(event.trace())
              .shopSet(ref.namespace(), ref.name())
              .eventId(event.id())
              .attribute("cloudevents.event_type", event.type().type())
              .attribute("shopset.generation", Long.toString(ref.generation()))
              .start()) {
        status.shopSetUntilWritten(
            ref.namespace(),
            ref.name(),
            fresh ->
                ShopSetStatuses.withCommit(
                    fresh.getStatus(), commit, ref, generation(fresh), Instant.now()));
      }
    }
    if (commit instanceof CommitPushed pushed) {
      sources.record(pushed);
    }
    return message.ack();
  }

  private static long generation(ShopSet shopSet) {
    Long generation = shopSet.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  static Headers headers(Message<?> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(IncomingKafkaRecordMetadata::getHeaders)
        .orElse(null);
  }
}
