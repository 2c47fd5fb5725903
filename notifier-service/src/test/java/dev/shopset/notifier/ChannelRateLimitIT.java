package dev.shopset.notifier;

import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.SlackStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 100 rollouts over 3 channels: Slack's one post a second per channel, from the stub's clock. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SlackStubResource.class)
class ChannelRateLimitIT {

  private final SlackStub stub = SlackStub.shared();

  @Test
  void hundredRolloutsOverThreeChannelsNeverExceedOnePostASecondPerChannel() {
    List<String> channels = List.of("#rate-a", "#rate-b", "#rate-c");
    try (RolloutRecords records = new RolloutRecords()) {
      for (int i = 0; i < 100; i++) {
        records.send(started(rollout("shop-" + i % 7, "svc-" + i, 1, channels.get(i % 3))));
      }
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() ->
            assertThat(channels.stream().mapToInt(c -> stub.messages(c).size()).sum())
                .isEqualTo(100));
    for (String channel : channels) {
      List<Instant> arrivals =
          stub.calls("chat.postMessage", channel).stream().map(SlackStub.Call::at).toList();
      assertThat(arrivals)
          .as("no retries, no duplicates in %s", channel)
          .hasSize(stub.messages(channel).size());
      for (int i = 1; i < arrivals.size(); i++) {
        assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i)))
            .as("gap before post %d in %s", i, channel)
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      }
      assertThat(stub.messages(channel))
          .extracting(SlackStub.Posted::marker)
          .doesNotHaveDuplicates();
    }
    assertThat(stub.messages("#rate-a")).hasSize(34);
  }
}
