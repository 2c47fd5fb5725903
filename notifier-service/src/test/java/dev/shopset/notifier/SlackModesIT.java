package dev.shopset.notifier;

import static dev.shopset.notifier.domain.Rollouts.progressing;
import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.notifier.app.ChannelLanes;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.slack.SlackStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime as configuration builds it, in the two modes without a token: an incoming webhook
 * only (posts the start and the outcome, no updates, routing ignored), and nothing configured (the
 * same messages in the log). The mapping topic is on the real broker.
 */
class SlackModesIT {

  private final SlackStub stub = new SlackStub();
  private final List<String> done = new CopyOnWriteArrayList<>();
  private NotifierRuntime runtime;

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.close();
    }
    stub.close();
  }

  private void run(Rollout r, RolloutEvent... events) {
    await().atMost(Duration.ofSeconds(30)).until(runtime.store()::isLoaded);
    int before = done.size();
    for (int i = 0; i < events.length; i++) {
      String id = r.id() + "/" + (before + i);
      runtime
          .lanes()
          .submit(
              new ChannelLanes.Work(id, events[i], () -> done.add(id), e -> done.add("refused")));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> done.size() == before + events.length);
    assertThat(done).doesNotContain("refused");
  }

  @Test
  void aWebhookOnlyPostsTheStartAndTheOutcomeToItsOwnChannel() {
    runtime = runtime(Optional.empty(), Optional.of(stub.webhookUrl()));
    Rollout r = rollout("shop-a", "checkout", 12, "#annotated-but-ignored");

    run(r, started(r), progressing(r, 3), succeeded(r));

    assertThat(runtime.mode()).isEqualTo("WebhookSlack");
    assertThat(stub.calls()).extracting(SlackStub.Call::method).containsOnly("webhook");
    assertThat(stub.messages("#webhook"))
        .extracting(SlackStub.Posted::text)
        .satisfiesExactly(
            t -> assertThat(t).contains("revision 12 is rolling out"),
            t -> assertThat(t).contains("revision 12 rolled out after 2m 14s"));
  }

  @Test
  void nothingConfiguredWritesTheSameMessagesToTheLog() {
    List<String> log = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            log.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger category = Logger.getLogger("dev.shopset.notifier.slack.log");
    category.addHandler(capture);
    try {
      runtime = runtime(Optional.of(" "), Optional.empty());
      Rollout r = rollout("shop-b", "cart", 4, "#shop-b");

      run(r, started(r), progressing(r, 2));
      run(r, succeeded(r));

      assertThat(runtime.mode()).isEqualTo("LogSlack");
      assertThat(stub.calls()).as("no Slack call at all").isEmpty();
      assertThat(log)
          .satisfiesExactly(
              l -> assertThat(l).startsWith("[#shop-b] new message log-1:\n").contains("cart"),
              l ->
                  assertThat(l)
                      .startsWith("[#shop-b] message log-1 now reads:")
                      .contains("2 updated"),
              l ->
                  assertThat(l)
                      .startsWith("[#shop-b] message log-1 now reads:")
                      .contains("took 2m 14s"),
              l -> assertThat(l).startsWith("[#shop-b] new message log-2 (thread of log-1):"));
    } finally {
      category.removeHandler(capture);
    }
  }

  private static NotifierRuntime runtime(Optional<String> token, Optional<String> webhook) {
    String topic = "test.notifier.modes." + UUID.randomUUID();
    return new NotifierRuntime(
        config(token, webhook, topic),
        NotifierMetrics.NONE,
        Map.of("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers()),
        io.opentelemetry.api.trace.TracerProvider.noop().get("test"));
  }

  private static NotifierConfig config(
      Optional<String> token, Optional<String> webhook, String topic) {
    return new NotifierConfig() {
      @Override
      public SlackSettings slack() {
        return new SlackSettings() {
          @Override
          public Optional<String> token() {
            return token;
          }

          @Override
          public String apiUrl() {
            return "http://127.0.0.1:1/unused/";
          }

          @Override
          public Optional<String> webhookUrl() {
            return webhook;
          }

          @Override
          public Duration timeout() {
            return Duration.ofSeconds(5);
          }
        };
      }

      @Override
      public Interactions interactions() {
        return null;
      }

      @Override
      public Routing routing() {
        return new Routing() {
          @Override
          public String defaultChannel() {
            return "#default";
          }

          @Override
          public Map<String, String> namespaces() {
            return Map.of();
          }

          @Override
          public Map<String, String> tiers() {
            return Map.of();
          }
        };
      }

      @Override
      public Limits limits() {
        return new Limits() {
          @Override
          public double postsPerSecondPerChannel() {
            return 1;
          }

          @Override
          public int updatesPerMinute() {
            return 600;
          }

          @Override
          public int updateBurst() {
            return 10;
          }

          @Override
          public Duration initialBackoff() {
            return Duration.ofMillis(20);
          }

          @Override
          public Duration maxBackoff() {
            return Duration.ofMillis(200);
          }

          @Override
          public Duration heldBackAfter() {
            return Duration.ofMinutes(2);
          }
        };
      }

      @Override
      public Messages messages() {
        return new Messages() {
          @Override
          public String topic() {
            return topic;
          }

          @Override
          public int partitions() {
            return 1;
          }
        };
      }
    };
  }
}
