package dev.shopset.notifier.slack;

import dev.shopset.notifier.domain.SlackException;
import dev.shopset.notifier.domain.SlackMessage;
import dev.shopset.notifier.domain.SlackPort;
import dev.shopset.tracing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.util.Optional;

/**
 * Every Slack call as a span ({@code slack chat.postMessage}, {@code slack chat.update}, {@code
 * slack conversations.history}) in the trace of the rollout event being handled; a retried call is
 * one span per attempt, a refused one is marked failed with Slack's reason.
 */
public final class TracedSlack implements SlackPort {

  private final SlackPort slack;
  private final Tracer tracer;
  private final String mode;

  public TracedSlack(SlackPort slack, Tracer tracer) {
    this.slack = slack;
    this.tracer = tracer;
    this.mode = slack.getClass().getSimpleName();
  }

  @Override
  public boolean supportsUpdates() {
    return slack.supportsUpdates();
  }

  @Override
  public SlackRef post(String channel, SlackMessage message, String threadTs, String marker)
      throws SlackException {
    try (Traced call = call("chat.postMessage", channel)) {
      call.attribute("slack.thread_ts", threadTs);
      try {
        SlackRef ref = slack.post(channel, message, threadTs, marker);
        call.attribute("slack.ts", ref.ts());
        return ref;
      } catch (SlackException e) {
        call.failed(e.reason());
        throw e;
      }
    }
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) throws SlackException {
    try (Traced call = call("chat.update", channel)) {
      call.attribute("slack.ts", ts);
      try {
        slack.update(channel, ts, message);
      } catch (SlackException e) {
        call.failed(e.reason());
        throw e;
      }
    }
  }

  @Override
  public Optional<SlackRef> findPosted(String channel, String marker, String threadTs)
      throws SlackException {
    try (Traced call = call("conversations.history", channel)) {
      try {
        return slack.findPosted(channel, marker, threadTs);
      } catch (SlackException e) {
        call.failed(e.reason());
        throw e;
      }
    }
  }

  private Traced call(String method, String channel) {
    return Traced.span(tracer, "slack " + method)
        .kind(SpanKind.CLIENT)
        .attribute("slack.method", method)
        .attribute("slack.channel", channel)
        .attribute("slack.mode", mode)
        .start();
  }
}
