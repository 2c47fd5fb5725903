package dev.shopset.notifier.kafka;

import static dev.shopset.notifier.domain.Rollouts.progressing;
import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.Rollout;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.notifier.domain.ChannelRouter;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A restart between started and succeeded: a fresh notifier that knows only the mapping topic
 * updates the same message instead of posting a new one.
 */
class RestartIT {

  @Test
  void aFreshInstanceReadingTheMappingTopicUpdatesTheSameMessage() throws Exception {
    String topic = "test.notifier.messages." + UUID.randomUUID();
    Rollout r = rollout("shop-a", "checkout", 21, "#restart");
    try (SlackStub stub = new SlackStub()) {
      try (KafkaMessageStore before = store(topic)) {
        notifier(before, stub).handle("e1", started(r), false);
        notifier(before, stub).handle("e2", progressing(r, 2), false);
      }

      try (KafkaMessageStore after = store(topic)) {
        assertThat(after.get(r.id())).isPresent();
        RolloutNotifier fresh = notifier(after, stub);
        fresh.handle("e2", progressing(r, 2), false);
        fresh.handle("e3", succeeded(r), false);
        fresh.handle("e3", succeeded(r), false);
      }

      try (KafkaMessageStore third = store(topic)) {
        notifier(third, stub).handle("e3", succeeded(r), false);
      }

      List<SlackStub.Call> posts = stub.calls("chat.postMessage", "#restart");
      assertThat(posts).hasSize(2);
      String ts = posts.get(0).ts();
      assertThat(posts.get(1).threadTs()).isEqualTo(ts);
      assertThat(stub.calls("chat.update", "#restart"))
          .extracting(SlackStub.Call::ts)
          .as("progress before the restart, the outcome after it; redelivery adds nothing")
          .containsExactly(ts, ts);
      assertThat(stub.messages("#restart").getFirst().text()).contains("rolled out after");
    }
  }

  private static KafkaMessageStore store(String topic) throws InterruptedException {
    KafkaMessageStore store =
        new KafkaMessageStore(
            Map.of("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers()), topic, 2);
    assertThat(store.awaitLoaded(Duration.ofSeconds(30))).isTrue();
    return store;
  }

  private static RolloutNotifier notifier(KafkaMessageStore store, SlackStub stub) {
    ReliableSlack slack =
        new ReliableSlack(
            new WebApiSlack(stub.apiUrl(), SlackStub.TOKEN, Duration.ofSeconds(5)),
            SlackLimits.defaults(),
            Pacer.SLEEP,
            System::nanoTime,
            NotifierMetrics.NONE);
    return new RolloutNotifier(
        new RolloutFormatter(),
        new ChannelRouter("#default", Map.of(), Map.of()),
        store,
        slack,
        NotifierMetrics.NONE);
  }
}
