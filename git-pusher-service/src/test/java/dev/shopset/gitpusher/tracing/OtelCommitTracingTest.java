package dev.shopset.gitpusher.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.cloudevents.TraceContext;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitTracing;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.tracing.TraceContexts;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelCommitTracingTest {

  private static final String SYSTEM = "https://git.example/system.git";
  private static final String A = "00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1111111111111111-01";
  private static final String B = "00-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-2222222222222222-01";
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final CommitTracing tracing = new OtelCommitTracing(provider.get("test"));

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aLoneChangeIsCommittedInItsOwnTraceAndItsCommitEventCarriesTheBatchSpan() {
    Work.Render a = render("a", A, "e-a");
    TraceContext sent;
    try (CommitTracing.BatchSpan span = tracing.batch(branch(), List.of(a), List.of())) {
      sent = TraceContexts.current();
      span.pushed(SHA, List.of(a));
    }
    SpanData batch = only("commit and push");
    assertThat(batch.getTraceId()).isEqualTo(a.trace().traceId());
    assertThat(batch.getParentSpanId()).isEqualTo(a.trace().spanId());
    assertThat(batch.getAttributes().asMap().toString())
        .contains("git.commit.sha=" + SHA)
        .contains("shopset.name=a")
        .contains("cloudevents.event_id=e-a");
    assertThat(sent.spanId())
        .as("events published in the batch continue it")
        .isEqualTo(batch.getSpanId());
    assertThat(exported.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void aSharedCommitContinuesTheFirstTraceLinksTheOthersAndMarksEachOtherTrace() {
    Work.Render a = render("a", A, "e-a");
    Work.Render b = render("b", B, "e-b");
    try (CommitTracing.BatchSpan span = tracing.batch(branch(), List.of(a, b), List.of())) {
      span.pushed(SHA, List.of(a, b));
    }
    SpanData batch = only("commit and push");
    assertThat(batch.getTraceId()).isEqualTo(a.trace().traceId());
    assertThat(batch.getLinks())
        .singleElement()
        .satisfies(link -> {
          assertThat(link.getSpanContext().getTraceId()).isEqualTo(b.trace().traceId());
          assertThat(link.getSpanContext().getSpanId()).isEqualTo(b.trace().spanId());
        });
    SpanData marker = only("commit");
    assertThat(marker.getTraceId()).isEqualTo(b.trace().traceId());
    assertThat(marker.getParentSpanId()).isEqualTo(b.trace().spanId());
    assertThat(marker.getLinks())
        .singleElement()
        .satisfies(
            link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(batch.getSpanId()));
    assertThat(marker.getAttributes().asMap().toString())
        .contains("git.commit.sha=" + SHA)
        .contains("shopset.name=b");
  }

  @Test
  void newCodeReachingATierIsCommittedInTheTraceOfTheHeadMoveThatBroughtIt() {
    Work.Pin pushed = pin("a", A);
    Work.Pin promoted = pin("b", B);
    try (CommitTracing.BatchSpan span =
        tracing.batch(branch(), List.of(), List.of(pushed, promoted))) {
      span.pushed(SHA, List.of());
    }
    SpanData batch = only("commit and push");
    assertThat(batch.getTraceId()).isEqualTo(pushed.trace().traceId());
    assertThat(batch.getParentSpanId()).isEqualTo(pushed.trace().spanId());
    assertThat(batch.getLinks())
        .singleElement()
        .satisfies(link ->
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(promoted.trace().traceId()));
    SpanData marker = only("commit");
    assertThat(marker.getTraceId()).isEqualTo(promoted.trace().traceId());
    assertThat(marker.getAttributes().asMap().toString()).contains("git.commit.sha=" + SHA);
  }

  private static Work.Pin pin(String branch, String traceparent) {
    return new Work.Pin(
        new dev.shopset.gitpusher.domain.PinMove(
            new dev.shopset.gitpusher.domain.SourceRef("https://git.example/app.git", branch),
            null,
            SHA,
            false),
        TraceContext.parse(traceparent, null));
  }

  private SpanData only(String name) {
    return exported.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .reduce((x, y) -> {
          throw new AssertionError("two spans named " + name);
        })
        .orElseThrow();
  }

  private static BranchId branch() {
    return new BranchId(SYSTEM, "dev");
  }

  private static Work.Render render(String name, String traceparent, String eventId) {
    return new Work.Render(
        Fixtures.render(
            SYSTEM, "https://git.example/app.git", "https://git.example/c.git", "ns", name, 1, 1),
        TraceContext.parse(traceparent, null),
        eventId);
  }
}
