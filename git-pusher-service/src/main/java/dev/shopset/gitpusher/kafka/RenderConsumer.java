package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.RenderCheck;
import dev.shopset.gitpusher.domain.Work;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code shopset.renders} and hands each event to its branch's writer; the message is acked
 * when the push carrying it succeeded. Unreadable records, and render events reaching beyond their
 * own ShopSet ({@link RenderCheck}), go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class RenderConsumer {

  private final Committers committers;

  public RenderConsumer(Committers committers) {
    this.committers = committers;
  }

  @Incoming("renders")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    RenderEvent render;
    try {
      render = EventMessages.decode(message, RenderEvent.class, Topics.RENDERS);
    } catch (EventMessages.Refused e) {
      return message.nack(e);
    }
    var refused = RenderCheck.problem(render);
    if (refused.isPresent()) {
      return message.nack(new IllegalArgumentException(refused.get()));
    }
    Work.Render work = new Work.Render(render);
    committers.committer(new BranchId(render.systemRepository(), render.branch())).submit(work);
    work.done().thenRun(message::ack);
    return CompletableFuture.completedFuture(null);
  }
}
