package dev.shopset.notifier;

import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.Rollout;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.SlackStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code -Pbench}: time from a final rollout event (sent to Kafka) to the stub accepting the
 * message's final {@code chat.update}, with finals paced within Slack's update budget.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SlackStubResource.class)
class FinalUpdateLatencyBench {

  private static final int ROLLOUTS = Integer.getInteger("bench.rollouts", 60);
  private static final int CHANNELS = Integer.getInteger("bench.channels", 10);
  private static final Duration PACE = Duration.ofMillis(Long.getLong("bench.interval-ms", 1250));

  private final SlackStub stub = SlackStub.shared();

  @Test
  void finalEventToAcceptedUpdate() {
    List<Rollout> rollouts = new ArrayList<>();
    for (int i = 0; i < ROLLOUTS; i++) {
      rollouts.add(rollout("bench", "svc-" + i, 1, "#bench-" + i % CHANNELS));
    }
    try (RolloutRecords records = new RolloutRecords()) {
      rollouts.forEach(r -> records.send(started(r)));
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() ->
              stub.calls().stream()
                      .filter(c ->
                          c.method().equals("chat.postMessage")
                              && c.channel() != null
                              && c.status() == 200)
                      .count()
                  >= ROLLOUTS);
      List<Instant> sent = new ArrayList<>();
      for (Rollout r : rollouts) {
        sent.add(Instant.now());
        records.send(succeeded(r));
        LockSupport.parkNanos(PACE.toNanos());
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() ->
              stub.calls().stream().filter(c -> c.method().equals("chat.update")).count()
                  >= ROLLOUTS);
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < ROLLOUTS; i++) {
        Rollout r = rollouts.get(i);
        String channel = "#bench-" + i % CHANNELS;
        String ts =
            stub.messages(channel).stream()
                .filter(m -> m.marker() != null && m.marker().equals(r.id()))
                .findFirst()
                .orElseThrow()
                .ts();
        Instant accepted =
            stub.calls("chat.update", channel).stream()
                .filter(c -> ts.equals(c.ts()) && c.status() == 200)
                .findFirst()
                .orElseThrow()
                .at();
        millis.add(Duration.between(sent.get(i), accepted).toMillis());
      }
      millis.sort(Long::compare);
      System.out.printf(
          "BENCH final event -> accepted chat.update: n=%d channels=%d pace=%dms p50=%dms p90=%dms"
              + " p99=%dms max=%dms (load average %.2f, %d cores)%n",
          ROLLOUTS,
          CHANNELS,
          PACE.toMillis(),
          pct(millis, 50),
          pct(millis, 90),
          pct(millis, 99),
          millis.getLast(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      assertThat(pct(millis, 99)).as("p99 target").isLessThan(1000);
    }
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
