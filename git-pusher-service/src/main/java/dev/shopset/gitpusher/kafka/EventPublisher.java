package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.PinRequests;
import dev.shopset.gitpusher.domain.PromotionEvents;
import dev.shopset.gitpusher.domain.SourceEvents;
import dev.shopset.tracing.TraceContexts;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes CloudEvents: commit outcomes to {@code shopset.commits}, new source heads to {@code
 * shopset.sources}, pin requests to {@code shopset.renders}, promotion results to {@code
 * shopset.promotion-results}; each call returns once the broker acknowledged the record.
 */
@ApplicationScoped
public class EventPublisher implements CommitEvents, SourceEvents, PromotionEvents, PinRequests {

  static final String SOURCE = "/shopset/git-pusher";

  private final Emitter<byte[]> commits;
  private final Emitter<byte[]> sources;
  private final Emitter<byte[]> promotionResults;
  private final Emitter<byte[]> pins;

  public EventPublisher(
      @Channel("commits") Emitter<byte[]> commits,
      @Channel("sources-out") Emitter<byte[]> sources,
      @Channel("promotion-results") Emitter<byte[]> promotionResults,
      @Channel("pins-out") Emitter<byte[]> pins) {
    this.commits = commits;
    this.sources = sources;
    this.promotionResults = promotionResults;
    this.pins = pins;
  }

  @Override
  public void requested(PinRequested event) {
    send(pins, event);
  }

  @Override
  public void pushed(CommitPushed event) {
    send(commits, event);
  }

  @Override
  public void failed(CommitFailed event) {
    send(commits, event);
  }

  @Override
  public void sourceChanged(SourceChanged event) {
    send(sources, event);
  }

  @Override
  public void promotionResult(PromotionResult event) {
    send(promotionResults, event);
  }

  private static void send(Emitter<byte[]> emitter, ShopSetEvent data) {
    // In the trace of the span current now (a batch's, a promotion's): ce_traceparent.
    CloudEvent<ShopSetEvent> event =
        CloudEvent.of(SOURCE, data, Instant.now()).withTrace(TraceContexts.current());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Message<byte[]> message =
        Message.of(body)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.key())
                    .withHeaders(headers)
                    .build())
            .withAck(() -> {
              acked.complete(null);
              return CompletableFuture.completedFuture(null);
            })
            .withNack(e -> {
              acked.completeExceptionally(e);
              return CompletableFuture.completedFuture(null);
            });
    emitter.send(message);
    try {
      acked.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not take the event: " + e.getMessage(), e);
    }
  }
}
