package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.examples.consumer.Options;
import dev.shopset.examples.consumer.Summary;
import dev.shopset.examples.consumer.TopicReader;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.testkit.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another team's view: the example consumer under {@code examples/consumer}, a plain kafka-clients
 * program that depends only on the published events library, reads every ShopSet topic the running
 * services wrote, and finds each step of a tenant's story on it.
 */
@ExtendWith(StackExtension.class)
class ExampleConsumerIT {

  static final String NS = "consumer";
  static final Duration COMMITTED = Duration.ofSeconds(90);

  @Test
  void theExampleConsumerReadsEveryTopicOfARunAndFindsEachStepOfAStory() {
    Stack stack = StackExtension.stack();
    Resources api = new Resources(stack);
    api.tier("consumer-0", 0, "system-consumer", "consumer-1");
    api.tier("consumer-1", 1, "system-consumer", null);
    api.configuration(NS);
    // A ShopSet created, changed and deleted; a second one kept; a promotion; a rollout.
    try (TopicTail commits = TopicTail.on(stack.bootstrapServers(), Topics.COMMITS)) {
      commits.awaitCommitted(
          api.apply(NS, "web", Resources.spec("consumer-0", 1, "lyon")), COMMITTED);
      commits.awaitCommitted(
          api.apply(NS, "kept", Resources.spec("consumer-1", 1, "nice")), COMMITTED);
      commits.awaitCommitted(
          api.apply(NS, "web", Resources.spec("consumer-0", 2, "lyon", "lille")), COMMITTED);
    }
    api.delete(NS, "web");
    String promotion = "consumer-promotion";
    api.promote(promotion, "consumer-0");
    await()
        .atMost(COMMITTED)
        .until(() ->
            api.promotion(promotion)
                .map(p -> p.getStatus())
                .filter(s -> s.phase() == PromotionStatus.Phase.Succeeded)
                .isPresent());
    RolloutSimulator rollouts = new RolloutSimulator(stack.client());
    var target =
        new RolloutSimulator.Target(NS, "kept-web", "kept", "consumer-1", "#consumer-rollouts", 2);
    rollouts.deploy(target, "shop-web:1");
    rollouts.rollOut(target, 2, "shop-web:2", Duration.ZERO);

    // What `example-consumer --dead-letters` reads: every event topic and its dead-letter topic.
    List<String> topics = Options.eventAndDeadLetterTopics();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          lines.clear();
          Summary summary;
          try (TopicReader reader = new TopicReader(stack.bootstrapServers(), topics, lines::add)) {
            summary = reader.readToEnd(Duration.ofSeconds(30));
          }
          assertThat(summary.missingTopics()).as("topics the services use").isEmpty();
          // Other test classes send hostile records on purpose; the reader steps over each and says
          // so.
          assertThat(lines.stream().filter(l -> l.contains(" UNREADABLE ")).count())
              .isEqualTo(summary.unreadable());
          assertThat(lines.stream().filter(l -> l.contains(" dead letter ")).count())
              .isEqualTo(summary.deadLetters());
          assertThat(lines)
              .anyMatch(l -> l.contains(".shopset-desired.v1 consumer/web"))
              .anyMatch(l -> l.contains(".shopset-deleted.v1 consumer/web"))
              .anyMatch(l -> l.contains(".render-result.v1 consumer/web"))
              .anyMatch(l -> l.contains(".render-removal.v1 consumer/web"))
              .anyMatch(l -> l.contains(".commit-pushed.v1 ") && l.contains("system-consumer"))
              .anyMatch(l -> l.contains(".promotion-requested.v1 " + promotion))
              .anyMatch(l -> l.contains(".promotion-result.v1 " + promotion))
              .anyMatch(l -> l.contains(".rollout-started.v1 consumer/kept-web"))
              .anyMatch(l -> l.contains(".rollout-succeeded.v1 consumer/kept-web"));
        });
  }
}
