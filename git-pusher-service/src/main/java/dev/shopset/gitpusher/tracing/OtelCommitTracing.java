package dev.shopset.gitpusher.tracing;

import dev.shopset.contracts.cloudevents.TraceContext;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitTracing;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Objects;

/**
 * {@link CommitTracing} with OpenTelemetry: a {@code commit and push} span per batch in the trace
 * of its first render (or, with none, of its first pin move), linked to the others; after the push,
 * a {@code commit} span in every other render's and pin move's trace, linked back to the batch
 * span.
 */
public final class OtelCommitTracing implements CommitTracing {

  private final Tracer tracer;

  public OtelCommitTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public BatchSpan batch(BranchId branch, List<Work.Render> renders, List<Work.Pin> pins) {
    List<TraceContext> pinTraces =
        pins.stream().map(Work.Pin::trace).filter(Objects::nonNull).toList();
    TraceContext first =
        renders.stream()
            .map(Work.Render::trace)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(pinTraces.isEmpty() ? null : pinTraces.getFirst());
    Traced.Builder builder =
        Traced.span(tracer, "commit and push")
            .parent(first)
            .attribute("shopset.system_repository", branch.repository())
            .attribute("shopset.branch", branch.branch())
            .attribute("shopset.batch.renders", Integer.toString(renders.size()))
            .attribute("shopset.batch.pins", Integer.toString(pins.size()));
    if (renders.size() == 1) {
      // One change: its log lines (the push's) name the ShopSet and the event, as the trace does.
      Work.Render only = renders.getFirst();
      builder.shopSet(only.event().namespace(), only.event().name());
      if (only.eventId() != null) {
        builder.eventId(only.eventId());
      }
    }
    for (Work.Render render : renders) {
      if (render.trace() != null && render.trace() != first) {
        builder.link(render.trace());
      }
    }
    for (TraceContext pin : pinTraces) {
      if (pin != first) {
        builder.link(pin);
      }
    }
    Traced batch = builder.start();
    return new BatchSpan() {
      @Override
      public void pushed(String sha, List<Work.Render> carried) {
        batch.attribute("git.commit.sha", sha);
        TraceContext own = batch.traceContext();
        for (Work.Render render : carried) {
          if (render.trace() == null
              || own == null
              || render.trace().traceId().equals(own.traceId())) {
            continue;
          }
          // Already on its way: a marker in this change's trace that points at the batch.
          Traced.span(tracer, "commit")
              .kind(SpanKind.INTERNAL)
              .parent(render.trace())
              .link(own)
              .shopSet(render.event().namespace(), render.event().name())
              .attribute("shopset.branch", branch.branch())
              .attribute("git.commit.sha", sha)
              .start()
              .close();
        }
        for (TraceContext pin : pinTraces) {
          if (own != null && !pin.traceId().equals(own.traceId())) {
            Traced.span(tracer, "commit")
                .kind(SpanKind.INTERNAL)
                .parent(pin)
                .link(own)
                .attribute("shopset.branch", branch.branch())
                .attribute("git.commit.sha", sha)
                .start()
                .close();
          }
        }
      }

      @Override
      public void failed(String reason) {
        batch.failed(reason);
      }

      @Override
      public void close() {
        batch.close();
      }
    };
  }
}
