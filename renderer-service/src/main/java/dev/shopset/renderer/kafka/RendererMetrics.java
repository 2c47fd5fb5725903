package dev.shopset.renderer.kafka;

import dev.shopset.renderer.domain.Refusals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The renderer's meters ({@code /q/metrics}), named as the README's metrics table lists them:
 * renders, render failures by reason (registered at start for every refusal reason, so alerts see
 * them before the first failure), render duration and dead letters.
 */
@ApplicationScoped
public class RendererMetrics {

  /** The topic whose records the renderer dead-letters. */
  static final String TOPIC = "shopset.desired";

  private final MeterRegistry registry;
  private final Counter renders;
  private final Timer duration;

  public RendererMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.renders =
        Counter.builder("shopset.renderer.renders")
            .description("ShopSets rendered and sent to shopset.renders")
            .register(registry);
    this.duration =
        Timer.builder("shopset.renderer.render.duration")
            .description("Time to render one ShopSet (decode, render, encode), whatever the result")
            .serviceLevelObjectives(
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofSeconds(1))
            .register(registry);
    for (String reason :
        List.of(
            Refusals.INVALID_DESIRED_STATE, Refusals.RENDER_TOO_LARGE, Refusals.RENDER_FAILED)) {
      failures(reason);
    }
  }

  /** One ShopSet was rendered. */
  public void rendered(long nanos) {
    renders.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One ShopSet could not be rendered, or one record not even read, for {@code reason}. */
  public void failed(String reason, long nanos) {
    failures(reason).increment();
    if (nanos > 0) {
      duration.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** One record of shopset.desired went to its dead-letter topic for {@code reason}. */
  public void deadLettered(String reason) {
    Counter.builder("shopset.dead.letters")
        .description("Records sent to a dead-letter topic, by the topic they came from and why")
        .tag("topic", TOPIC)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Counter failures(String reason) {
    return Counter.builder("shopset.renderer.failures")
        .description("Records of shopset.desired not rendered, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
