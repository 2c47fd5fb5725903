package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.CommitIds;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.PinMove;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.RenderCheck;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.domain.WorkRefused;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code shopset.renders} (renders and pin requests: all work of a system branch, keyed by
 * it) and hands each to its branch's writer; the message is acked when the push carrying it
 * succeeded, and goes to the dead-letter topic with the reason when it can never succeed (a render
 * reaching beyond its ShopSet, which also gets a {@code commit failed}; a pin head that is no
 * commit id; a malformed {@code .gitmodules} on the branch). A render's arrival is a span ({@code
 * shopset.renders receive}) in its change's trace, which the commit carrying it continues.
 */
@ApplicationScoped
public class RenderConsumer {

  private static final Logger LOG = Logger.getLogger(RenderConsumer.class);

  private final Committers committers;
  private final CommitEvents events;
  private final RenderFlow flow;
  private final RenderPartitions partitions;
  private final Tracer tracer;
  private final PusherMetrics metrics;

  public RenderConsumer(
      Committers committers,
      CommitEvents events,
      RenderFlow flow,
      RenderPartitions partitions,
      Tracer tracer,
      PusherMetrics metrics) {
    this.tracer = tracer;
    this.committers = committers;
    this.events = events;
    this.flow = flow;
    this.partitions = partitions;
    this.metrics = metrics;
  }

  @Incoming("renders")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
    if (metadata.isPresent() && !partitions.ownsPartition(metadata.get().getPartition())) {
      // delivered as its partition was revoked: the new owner receives it; opening a writer here
      // would write a branch this instance no longer owns
      return CompletableFuture.completedFuture(null);
    }
    metadata.ifPresent(m -> flow.arrived(m.getPartition()));
    CloudEvent<ShopSetEvent> cloudEvent;
    try {
      cloudEvent = EventMessages.decodeEvent(message, ShopSetEvent.class, Topics.RENDERS);
    } catch (EventMessages.Refused e) {
      return DeadLetters.nack(message, Topics.RENDERS, e, metrics);
    }
    ShopSetEvent event = cloudEvent.data();
    Work work;
    switch (event) {
      case RenderEvent render -> {
        var problem = RenderCheck.problem(render);
        if (problem.isPresent()) {
          refuse(message, render, problem.get());
          return CompletableFuture.completedFuture(null);
        }
        try (Traced received = received(cloudEvent, render)) {
          work = new Work.Render(render, received.traceContext(), cloudEvent.id());
        }
      }
      case PinRequested pin -> {
        String problem = CommitIds.problem("head", pin.head());
        if (problem != null) {
          return DeadLetters.nack(
              message,
              Topics.RENDERS,
              new WorkRefused(FailureReason.InvalidSourceHead, problem),
              metrics);
        }
        try (Traced received = receivedPin(cloudEvent, pin)) {
          work = new Work.Pin(PinMove.of(pin), received.traceContext());
        }
      }
      default -> {
        return DeadLetters.nack(
            message,
            Topics.RENDERS,
            new IllegalArgumentException(
                event.getClass().getSimpleName() + " does not belong on " + Topics.RENDERS),
            metrics);
      }
    }
    BranchId branch = new BranchId(systemRepository(event), branch(event));
    committers.committer(branch).submit(work);
    work.done()
        .whenComplete((v, e) -> {
          if (e == null) {
            message.ack();
          } else {
            DeadLetters.nack(
                message,
                Topics.RENDERS,
                e instanceof CompletionException c ? c.getCause() : e,
                metrics);
          }
        });
    return CompletableFuture.completedFuture(null);
  }

  private Traced received(CloudEvent<ShopSetEvent> event, RenderEvent render) {
    return EventMessages.receiveSpan(tracer, event, Topics.RENDERS)
        .shopSet(render.namespace(), render.name())
        .start();
  }

  private Traced receivedPin(CloudEvent<ShopSetEvent> event, PinRequested pin) {
    return EventMessages.receiveSpan(tracer, event, Topics.RENDERS)
        .attribute("shopset.branch", pin.branch())
        .start();
  }

  /** A render that may never be applied: a {@code commit failed} for its ShopSet, then a DLQ. */
  private void refuse(Message<byte[]> message, RenderEvent render, String problem) {
    Thread.ofVirtual()
        .start(() -> {
          long generation = render instanceof RenderResult r ? r.generation() : 0;
          try {
            events.failed(
                new CommitFailed(
                    render.systemRepository(),
                    render.branch(),
                    List.of(new ShopSetRef(render.namespace(), render.name(), generation)),
                    FailureReason.InvalidRender.name(),
                    problem));
          } catch (RuntimeException e) {
            LOG.warnf("Cannot publish why %s was refused: %s", render.subject(), e.getMessage());
          }
          DeadLetters.nack(
              message,
              Topics.RENDERS,
              new WorkRefused(FailureReason.InvalidRender, problem),
              metrics);
        });
  }

  private static String systemRepository(ShopSetEvent event) {
    return event instanceof RenderEvent r
        ? r.systemRepository()
        : ((PinRequested) event).systemRepository();
  }

  private static String branch(ShopSetEvent event) {
    return event instanceof RenderEvent r ? r.branch() : ((PinRequested) event).branch();
  }
}
