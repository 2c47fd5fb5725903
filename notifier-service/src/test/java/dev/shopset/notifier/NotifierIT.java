package dev.shopset.notifier;

import static dev.shopset.notifier.domain.Rollouts.progressing;
import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.Rollout;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.notifier.domain.PostedMessage;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.SlackStubResource;
import dev.shopset.testkit.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole service: the real broker in, the Slack stub out. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SlackStubResource.class)
class NotifierIT {

  private static RolloutRecords records;
  private final SlackStub stub = SlackStub.shared();

  @Inject NotifierRuntime runtime;

  @BeforeAll
  static void producer() {
    records = new RolloutRecords();
  }

  @AfterAll
  static void close() {
    records.close();
  }

  @Test
  void startedProgressAndSucceededGiveOnePostCoalescedUpdatesAndOneThreadReply() {
    Rollout r = rollout("shop-a", "checkout", 11, "#it-lifecycle");
    records.send(started(r));
    for (int i = 1; i <= 8; i++) {
      records.send(progressing(r, i % 5));
    }
    records.send(succeeded(r));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(stub.calls("chat.postMessage", "#it-lifecycle")).hasSize(2));
    List<SlackStub.Call> posts = stub.calls("chat.postMessage", "#it-lifecycle");
    String ts = posts.get(0).ts();
    assertThat(posts.get(0).threadTs()).isNull();
    assertThat(posts.get(1).threadTs()).isEqualTo(ts);
    List<SlackStub.Call> updates = stub.calls("chat.update", "#it-lifecycle");
    assertThat(updates)
        .as("a burst of 8 progress reports is coalesced")
        .hasSizeBetween(1, 8)
        .allSatisfy(u -> assertThat(u.ts()).isEqualTo(ts));
    assertThat(updates.getLast().params().get("text")).contains("rolled out after 2m 14s");
    assertThat(stub.messages("#it-lifecycle")).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(RolloutRecords.readAll(Topics.NOTIFIER_MESSAGES))
                .filteredOn(rec -> rec.key().equals(r.id()))
                .last()
                .satisfies(rec ->
                    assertThat(new String(rec.value(), StandardCharsets.UTF_8))
                        .contains("\"ts\":\"" + ts + "\"", "\"replied\":true")));
    PostedMessage stored = runtime.store().get(r.id()).orElseThrow();
    assertThat(stored.finalShown()).isTrue();
  }

  @Test
  void terminalRefusalsAndUnreadableRecordsGoToTheDeadLetterTopicWhileOtherChannelsFlow() {
    stub.failChannel("#it-gone", "channel_not_found");
    stub.rateLimitNext("chat.postMessage", "#it-slow", 3, false);
    Rollout gone = rollout("shop-b", "cart", 1, "#it-gone");
    Rollout slow = rollout("shop-c", "cart", 1, "#it-slow");
    Rollout fine = rollout("shop-d", "cart", 1, "#it-fine");
    records.send(started(gone));
    records.send(started(slow));
    records.sendRaw(
        new ProducerRecord<>(
            Topics.ROLLOUTS, "shop-x/broken", "not an event".getBytes(StandardCharsets.UTF_8)));
    records.send(started(fine));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(stub.messages("#it-slow")).hasSize(1));
    assertThat(stub.calls("chat.postMessage", "#it-fine").getFirst().at())
        .as("a channel waiting out Retry-After holds up no other channel")
        .isBefore(stub.calls("chat.postMessage", "#it-slow").getLast().at());
    assertThat(stub.messages("#it-fine")).hasSize(1);
    List<SlackStub.Call> slowPosts = stub.calls("chat.postMessage", "#it-slow");
    assertThat(slowPosts).extracting(SlackStub.Call::status).containsExactly(429, 200);
    assertThat(Duration.between(slowPosts.get(0).at(), slowPosts.get(1).at()))
        .as("Retry-After: 3 is waited out before the post is tried again")
        .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> {
          List<TopicTail.Seen> dead = RolloutRecords.readAll(Topics.deadLetter(Topics.ROLLOUTS));
          assertThat(dead)
              .filteredOn(d -> "shop-b/cart".equals(d.key()))
              .singleElement()
              .satisfies(d -> assertThat(reason(d)).isEqualTo("channel_not_found"));
          assertThat(dead)
              .filteredOn(d -> "shop-x/broken".equals(d.key()))
              .singleElement()
              .satisfies(d -> assertThat(reason(d)).startsWith("MISSING_HEADER"));
        });
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            org.hamcrest.Matchers.containsString(
                "shopset_dead_letters_total{reason=\"channel_not_found\",topic=\"shopset.rollouts\"}"),
            org.hamcrest.Matchers.matchesPattern(
                "(?s).*shopset_notifier_slack_calls_total\\{method=\"post\",outcome=\"error\"} [1-9].*"));
  }

  @Test
  void aRateLimitedPostThatSlackAppliedIsNotPostedTwice() {
    stub.rateLimitNext("chat.postMessage", "#it-429", 1, true);
    Rollout r = rollout("shop-e", "web", 3, "#it-429");
    records.send(started(r));
    records.send(succeeded(r));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(stub.messages("#it-429")).hasSize(2));
    List<SlackStub.Call> posts = stub.calls("chat.postMessage", "#it-429");
    assertThat(posts).extracting(SlackStub.Call::status).containsExactly(429, 200);
    assertThat(posts.get(1).threadTs()).as("the second post is the thread reply").isNotNull();
    assertThat(stub.calls("conversations.history", "#it-429")).hasSize(1);
    assertThat(
            Duration.between(posts.get(0).at(), stub.calls("chat.update", "#it-429").get(0).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void theOffsetIsCommittedOnlyOnceSlackAcceptedTheRecord() {
    stub.rateLimitNext("chat.postMessage", "#it-held", 6, false);
    RecordMetadata sent =
        records.sendForMetadata(started(rollout("shop-h", "held", 1, "#it-held")));
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

    try (Admin admin = RolloutRecords.admin()) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !stub.calls("chat.postMessage", "#it-held").isEmpty());
      // Slack said "retry in 6 s": meanwhile the record is read but not accepted, not committed.
      // Barrier: a later record on another partition, taken by Slack and committed; the commit
      // that carried it would have carried the held record too, had it been acknowledged.
      RecordMetadata marker = null;
      for (int i = 0; marker == null || marker.partition() == sent.partition(); i++) {
        marker = records.sendForMetadata(started(rollout("shop-m" + i, "marker", 1, "#it-marker")));
      }
      TopicPartition markerPartition = new TopicPartition(marker.topic(), marker.partition());
      long markerOffset = marker.offset();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> RolloutRecords.committed(admin, markerPartition) > markerOffset);
      assertThat(RolloutRecords.committed(admin, partition)).isLessThanOrEqualTo(sent.offset());
      assertThat(stub.messages("#it-held")).isEmpty();

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> {
            assertThat(stub.messages("#it-held")).hasSize(1);
            assertThat(RolloutRecords.committed(admin, partition)).isGreaterThan(sent.offset());
          });
    }
  }

  @Test
  void routesByAnnotationThenNamespaceThenTierThenDefault() {
    java.util.TreeMap<String, String> none = new java.util.TreeMap<>();
    java.time.Instant at = java.time.Instant.parse("2026-11-23T10:00:00Z");
    records.send(started(new Rollout("team-ns", "a", null, "canary", 1, none, none, null, at)));
    records.send(started(new Rollout("other", "b", null, "canary", 1, none, none, null, at)));
    records.send(started(new Rollout("other", "c", null, "prod", 1, none, none, null, at)));
    records.send(
        started(new Rollout("team-ns", "d", null, "canary", 1, none, none, "#it-annotated", at)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> {
          assertThat(stub.messages("#it-team-ns"))
              .singleElement()
              .extracting(SlackStub.Posted::marker)
              .isEqualTo("team-ns/a#1");
          assertThat(stub.messages("#it-canary"))
              .singleElement()
              .extracting(SlackStub.Posted::marker)
              .isEqualTo("other/b#1");
          assertThat(stub.messages("#it-default"))
              .singleElement()
              .extracting(SlackStub.Posted::marker)
              .isEqualTo("other/c#1");
          assertThat(stub.messages("#it-annotated"))
              .singleElement()
              .extracting(SlackStub.Posted::marker)
              .isEqualTo("team-ns/d#1");
        });
  }

  private static String reason(TopicTail.Seen record) {
    var header = record.headers().lastHeader(Topics.DEAD_LETTER_REASON);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
