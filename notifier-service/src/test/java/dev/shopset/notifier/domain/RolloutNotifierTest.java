package dev.shopset.notifier.domain;

import static dev.shopset.notifier.domain.Rollouts.failed;
import static dev.shopset.notifier.domain.Rollouts.progressing;
import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.notifier.slack.LogSlack;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.WebApiSlack;
import dev.shopset.notifier.slack.WebhookSlack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The domain against the Slack stub, with the mapping in memory. */
class RolloutNotifierTest {

  private static final SlackStub STUB = new SlackStub();
  private static final SlackLimits FAST =
      new SlackLimits(1.0, 600, 10, Duration.ofMillis(20), Duration.ofMillis(200));

  private final InMemoryStore store = new InMemoryStore();

  @AfterAll
  static void stop() {
    STUB.close();
  }

  private RolloutNotifier notifier(SlackPort port, MessageStore store) {
    ReliableSlack slack =
        new ReliableSlack(port, FAST, Pacer.SLEEP, System::nanoTime, NotifierMetrics.NONE);
    return new RolloutNotifier(
        new RolloutFormatter(),
        new ChannelRouter("#default", Map.of(), Map.of()),
        store,
        slack,
        NotifierMetrics.NONE);
  }

  private RolloutNotifier webApi() {
    return notifier(new WebApiSlack(STUB.apiUrl(), SlackStub.TOKEN, Duration.ofSeconds(5)), store);
  }

  private static void handle(RolloutNotifier n, RolloutEvent... events) throws Exception {
    for (RolloutEvent e : events) {
      n.handle(e.getClass().getSimpleName() + e.replicas() + e.rollout().id(), e, false);
    }
  }

  @Test
  void startedProgressSucceededGiveOnePostUpdatesAndOneThreadReply() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 1, "#lifecycle");

    handle(webApi(), started(r), progressing(r, 2), progressing(r, 4), succeeded(r));

    List<SlackStub.Call> posts = STUB.calls("chat.postMessage", "#lifecycle");
    assertThat(posts).hasSize(2);
    String ts = posts.get(0).ts();
    assertThat(posts.get(0).threadTs()).isNull();
    assertThat(posts.get(1).threadTs()).as("the outcome is replied in the thread").isEqualTo(ts);
    assertThat(Duration.between(posts.get(0).at(), posts.get(1).at()))
        .as("a thread reply counts against its channel's one post a second")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(STUB.calls("chat.update", "#lifecycle"))
        .extracting(SlackStub.Call::ts)
        .containsExactly(ts, ts, ts);
    SlackStub.Posted message = STUB.messages("#lifecycle").getFirst();
    assertThat(message.text()).contains("rolled out after 2m 14s");
    assertThat(message.blocks()).contains(":white_check_mark: checkout rolled out");
    assertThat(STUB.messages("#lifecycle").get(1).text())
        .contains("Revision 1 rolled out in 2m 14s");
  }

  @Test
  void redeliveryAndStaleEventsChangeNothing() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 2, "#redelivery");
    RolloutNotifier n = webApi();
    handle(n, started(r), succeeded(r));
    int calls = STUB.calls().size();

    handle(n, started(r), succeeded(r), progressing(r, 3), started(r));

    assertThat(STUB.calls()).hasSize(calls);
    assertThat(STUB.messages("#redelivery")).hasSize(2);
  }

  @Test
  void aFinalEventBeforeTheStartStillGivesOneMessage() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 3, "#outoforder");

    handle(webApi(), failed(r), started(r), progressing(r, 1));

    assertThat(STUB.calls("chat.postMessage", "#outoforder")).hasSize(2);
    assertThat(STUB.calls("chat.update", "#outoforder")).isEmpty();
    assertThat(STUB.messages("#outoforder").getFirst().text()).contains("failed to roll out");
    assertThat(STUB.messages("#outoforder").get(1).text())
        .contains("The deployment reported ProgressDeadlineExceeded");
  }

  @Test
  void aRateLimitedPostThatSlackAppliedAnywayIsFoundNotRepeated() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 4, "#ratelimited");
    STUB.rateLimitNext("chat.postMessage", "#ratelimited", 1, true);
    Instant before = Instant.now();

    handle(webApi(), started(r));

    List<SlackStub.Call> posts = STUB.calls("chat.postMessage", "#ratelimited");
    assertThat(posts).extracting(SlackStub.Call::status).containsExactly(429);
    assertThat(STUB.messages("#ratelimited")).hasSize(1);
    SlackStub.Call lookup = STUB.calls("conversations.history", "#ratelimited").getFirst();
    assertThat(Duration.between(posts.get(0).at(), lookup.at()))
        .as("Retry-After is honoured")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(store.get(r.id()).orElseThrow().ts())
        .isEqualTo(STUB.messages("#ratelimited").get(0).ts());
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRateLimitedPostThatSlackDroppedIsPostedOnceAfterRetryAfter() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 5, "#dropped");
    STUB.rateLimitNext("chat.postMessage", "#dropped", 1, false);
    STUB.failNext("chat.update", "#dropped", 503);

    handle(webApi(), started(r), succeeded(r));

    assertThat(STUB.calls("chat.postMessage", "#dropped"))
        .extracting(SlackStub.Call::status)
        .containsExactly(429, 200, 200);
    assertThat(STUB.calls("chat.update", "#dropped"))
        .extracting(SlackStub.Call::status)
        .containsExactly(503, 200);
    assertThat(STUB.messages("#dropped")).hasSize(2);
  }

  @Test
  void aPostThatTimedOutButWasPostedIsFoundNotRepeated() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 11, "#timeout");
    STUB.answerLateNext("chat.postMessage", "#timeout", 2000);
    SlackPort impatient = new WebApiSlack(STUB.apiUrl(), SlackStub.TOKEN, Duration.ofMillis(500));

    handle(notifier(impatient, store), started(r));

    assertThat(STUB.calls("chat.postMessage", "#timeout")).hasSize(1);
    assertThat(STUB.calls("conversations.history", "#timeout")).isNotEmpty();
    assertThat(STUB.messages("#timeout")).hasSize(1);
    assertThat(store.get(r.id()).orElseThrow().ts())
        .isEqualTo(STUB.messages("#timeout").getFirst().ts());
  }

  @Test
  void aCrashBetweenPostAndMappingLooksBeforePostingAgain() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 6, "#crash");
    MessageStore forgetful =
        new MessageStore() {
          @Override
          public java.util.Optional<PostedMessage> get(String id) {
            return store.get(id);
          }

          @Override
          public void put(PostedMessage m) {
            if (m.posted()) {
              throw new StoreException("broker gone", null);
            }
            store.put(m);
          }
        };
    assertThatThrownBy(() -> handle(notifier(port(), forgetful), started(r)))
        .isInstanceOf(MessageStore.StoreException.class);

    handle(webApi(), started(r));

    assertThat(STUB.messages("#crash")).hasSize(1);
    assertThat(store.get(r.id()).orElseThrow().ts()).isEqualTo(STUB.messages("#crash").get(0).ts());
  }

  @Test
  void terminalErrorsAreNotRetried() {
    Rollout r = rollout("shop-a", "checkout", 7, "#gone");
    STUB.failChannel("#gone", "channel_not_found");

    assertThatThrownBy(() -> handle(webApi(), started(r)))
        .isInstanceOfSatisfying(
            SlackException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.reason()).isEqualTo("channel_not_found");
            });
    assertThat(STUB.calls("chat.postMessage", "#gone")).hasSize(1);
  }

  @Test
  void anInvalidTokenIsTerminal() {
    Rollout r = rollout("shop-a", "checkout", 8, "#badtoken");
    RolloutNotifier n =
        notifier(new WebApiSlack(STUB.apiUrl(), "xoxb-wrong", Duration.ofSeconds(5)), store);

    assertThatThrownBy(() -> handle(n, started(r)))
        .isInstanceOfSatisfying(
            SlackException.class, e -> assertThat(e.reason()).isEqualTo("invalid_auth"));
  }

  @Test
  void webhookModePostsTheStartAndTheOutcomeWithoutUpdates() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 9, null);
    RolloutNotifier n = notifier(new WebhookSlack(STUB.webhookUrl(), Duration.ofSeconds(5)), store);

    handle(n, started(r), progressing(r, 2), succeeded(r), succeeded(r));

    assertThat(STUB.calls().stream().filter(c -> c.method().equals("webhook")))
        .extracting(SlackStub.Call::status)
        .containsExactly(200, 200);
    assertThat(STUB.messages("#webhook"))
        .extracting(SlackStub.Posted::text)
        .satisfiesExactly(
            t -> assertThat(t).contains("revision 9 is rolling out"),
            t -> assertThat(t).contains("revision 9 rolled out after 2m 14s"));
  }

  @Test
  void logModeWritesTheSameMessagesReadably() throws Exception {
    Rollout r = rollout("shop-a", "checkout", 10, null);
    List<String> log = new CopyOnWriteArrayList<>();

    handle(notifier(new LogSlack(log::add), store), started(r), progressing(r, 3), failed(r));

    assertThat(log).hasSize(4);
    assertThat(log.get(0))
        .startsWith("[#default] new message log-1:\n:rocket: checkout is rolling out")
        .contains(
            "app: registry.example.com/shop/checkout:1.4.2 -> registry.example.com/shop/checkout:1.5.0");
    assertThat(log.get(1)).startsWith("[#default] message log-1 now reads:\n:hourglass");
    assertThat(log.get(2)).contains(":x: checkout failed to roll out", "ProgressDeadlineExceeded");
    assertThat(log.get(3)).startsWith("[#default] new message log-2 (thread of log-1):");
  }

  private static SlackPort port() {
    return new WebApiSlack(STUB.apiUrl(), SlackStub.TOKEN, Duration.ofSeconds(5));
  }
}
