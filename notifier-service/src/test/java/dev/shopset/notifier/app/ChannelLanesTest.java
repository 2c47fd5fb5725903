package dev.shopset.notifier.app;

import static dev.shopset.notifier.domain.Rollouts.progressing;
import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.notifier.domain.ChannelRouter;
import dev.shopset.notifier.domain.InMemoryStore;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.domain.Pacer;
import dev.shopset.notifier.domain.ReliableSlack;
import dev.shopset.notifier.domain.RolloutFormatter;
import dev.shopset.notifier.domain.RolloutNotifier;
import dev.shopset.notifier.domain.SlackLimits;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.WebApiSlack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lanes against the Slack stub: a burst of progress queued behind a busy lane becomes one
 * update, a final overtakes stale progress, and every record is acknowledged either way.
 */
class ChannelLanesTest {

  private final SlackStub stub = new SlackStub();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final AtomicInteger coalesced = new AtomicInteger();
  private final List<String> done = new CopyOnWriteArrayList<>();
  private final ChannelLanes lanes;

  ChannelLanesTest() {
    NotifierMetrics metrics =
        new NotifierMetrics() {
          @Override
          public void posted(String kind) {}

          @Override
          public void retried(String reason) {}

          @Override
          public void deadLettered(String reason) {}

          @Override
          public void coalesced() {
            coalesced.incrementAndGet();
          }

          @Override
          public void duplicateAvoided() {}
        };
    ReliableSlack slack =
        new ReliableSlack(
            new WebApiSlack(stub.apiUrl(), SlackStub.TOKEN, Duration.ofSeconds(5)),
            new SlackLimits(1.0, 600, 10, Duration.ofMillis(20), Duration.ofMillis(200)),
            Pacer.SLEEP,
            System::nanoTime,
            metrics);
    RolloutNotifier notifier =
        new RolloutNotifier(
            new RolloutFormatter(),
            new ChannelRouter("#default", Map.of(), Map.of()),
            new InMemoryStore(),
            slack,
            metrics);
    lanes = new ChannelLanes(notifier, slack, metrics, loaded);
  }

  @AfterEach
  void close() {
    lanes.close();
    stub.close();
  }

  private void submit(String id, RolloutEvent event) {
    lanes.submit(new ChannelLanes.Work(id, event, () -> done.add(id), e -> done.add("refused")));
  }

  @Test
  void aBurstOfProgressBecomesOneUpdateWithTheLatestCounts() {
    Rollout r = rollout("shop-a", "checkout", 5, "#burst");
    submit("s", started(r));
    for (int i = 1; i <= 8; i++) {
      submit("p" + i, progressing(r, i % 6));
    }

    // The lane starts only once the mapping is loaded: everything above is queued by then.
    loaded.countDown();

    await().atMost(Duration.ofSeconds(20)).until(() -> done.size() == 9);
    assertThat(done).doesNotContain("refused");
    assertThat(stub.calls("chat.postMessage", "#burst")).hasSize(1);
    assertThat(stub.calls("chat.update", "#burst"))
        .as("eight progress reports, one update")
        .singleElement()
        .satisfies(u -> assertThat(u.params().get("text")).contains("2 updated"));
    assertThat(coalesced).hasValue(7);
  }

  @Test
  void aFinalOvertakesQueuedProgress() {
    Rollout r = rollout("shop-a", "cart", 6, "#final-first");
    submit("s", started(r));
    for (int i = 1; i <= 4; i++) {
      submit("p" + i, progressing(r, i));
    }
    submit("f", succeeded(r));

    loaded.countDown();

    await().atMost(Duration.ofSeconds(20)).until(() -> done.size() == 6);
    assertThat(stub.calls("chat.update", "#final-first"))
        .as("only the outcome")
        .singleElement()
        .satisfies(u -> assertThat(u.params().get("text")).contains("rolled out after"));
    assertThat(stub.calls("chat.postMessage", "#final-first"))
        .as("the message and its thread reply")
        .hasSize(2);
    assertThat(coalesced).hasValue(4);
  }

  @Test
  void aChannelHeldBackByRetryAfterIsReportedAndTheOthersFlow() {
    stub.rateLimitNext("chat.postMessage", "#held", 30, false);
    submit("held", started(rollout("shop-a", "held", 1, "#held")));
    submit("free", started(rollout("shop-a", "free", 1, "#free")));
    loaded.countDown();

    await().atMost(Duration.ofSeconds(20)).until(() -> done.contains("free"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lanes.heldBack(java.time.Instant.now(), Duration.ofMillis(300)).size() == 1);
    assertThat(lanes.heldBack(java.time.Instant.now(), Duration.ofMillis(300)))
        .containsOnlyKeys("#held");
    assertThat(done).as("the held record is not acknowledged").doesNotContain("held");
  }
}
