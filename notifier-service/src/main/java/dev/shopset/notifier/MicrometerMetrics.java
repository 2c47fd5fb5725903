package dev.shopset.notifier;

import dev.shopset.notifier.domain.NotifierMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The notifier's meters in Prometheus ({@code /q/metrics}), named as the README's metrics table
 * lists them. The Slack calls' series are registered at start, so rates and alerts see them before
 * the first rollout.
 */
@ApplicationScoped
public class MicrometerMetrics implements NotifierMetrics {

  /** The topic whose records the notifier dead-letters. */
  static final String TOPIC = "shopset.rollouts";

  private static final List<String> METHODS = List.of("post", "update", "find");
  private static final List<String> OUTCOMES = List.of("ok", "retryable", "error");

  private static final String COALESCED =
      "Rollout progress events folded into a later update of the same message";
  private static final String DUPLICATES =
      "Posts found already made by an earlier attempt, so not posted again";

  private final MeterRegistry registry;
  private final Counter coalesced;
  private final Counter duplicatesAvoided;

  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String method : METHODS) {
      for (String outcome : OUTCOMES) {
        calls(method, outcome);
      }
      duration(method);
    }
    retries("ratelimited");
    for (String kind : List.of("post", "update", "reply")) {
      messages(kind);
    }
    coalesced = counter("shopset.notifier.progress.coalesced", COALESCED);
    duplicatesAvoided = counter("shopset.notifier.duplicates.avoided", DUPLICATES);
  }

  @Override
  public void posted(String kind) {
    messages(kind).increment();
  }

  @Override
  public void retried(String reason) {
    String r = reason.startsWith("network") ? "network" : reason;
    retries(r).increment();
  }

  @Override
  public void deadLettered(String reason) {
    String r = reason.startsWith("internal_error") ? "internal_error" : reason;
    Counter.builder("shopset.dead.letters")
        .description("Records sent to a dead-letter topic, by the topic they came from and why")
        .tag("topic", TOPIC)
        .tag("reason", r)
        .register(registry)
        .increment();
  }

  @Override
  public void coalesced() {
    coalesced.increment();
  }

  @Override
  public void duplicateAvoided() {
    duplicatesAvoided.increment();
  }

  @Override
  public void slackCall(String method, String outcome, long nanos) {
    calls(method, outcome).increment();
    duration(method).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter messages(String kind) {
    return Counter.builder("shopset.notifier.messages")
        .description("Slack messages accepted: post (a rollout's message), update, reply")
        .tag("kind", kind)
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private Counter calls(String method, String outcome) {
    return Counter.builder("shopset.notifier.slack.calls")
        .description("Calls to Slack by method (post, update, find) and outcome")
        .tag("method", method)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer duration(String method) {
    return Timer.builder("shopset.notifier.slack.call.duration")
        .description("Time one call to Slack took")
        .tag("method", method)
        .serviceLevelObjectives(
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10))
        .register(registry);
  }

  private Counter retries(String reason) {
    return Counter.builder("shopset.notifier.slack.retries")
        .description("Slack calls retried, by reason (ratelimited, network, a 5xx)")
        .tag("reason", reason)
        .register(registry);
  }
}
