package dev.shopset.notifier.app;

import static dev.shopset.notifier.domain.Promotions.approval;
import static dev.shopset.notifier.domain.Promotions.pending;
import static dev.shopset.notifier.domain.Promotions.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionApprovalState.State;
import dev.shopset.notifier.domain.ChannelRouter;
import dev.shopset.notifier.domain.InMemoryStore;
import dev.shopset.notifier.domain.MessageStore;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.domain.Pacer;
import dev.shopset.notifier.domain.PromotionFormatter;
import dev.shopset.notifier.domain.Promotions;
import dev.shopset.notifier.domain.RecentClicks;
import dev.shopset.notifier.domain.ReliableSlack;
import dev.shopset.notifier.domain.SlackLimits;
import dev.shopset.notifier.slack.ResponseUrlResponder;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.WebApiSlack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One Slack message per Promotion, updated in place, its thread the history; against the stub. */
class PromotionNotifierTest {

  private static final SlackStub STUB = new SlackStub();
  private static final SlackLimits FAST =
      new SlackLimits(50.0, 600, 10, Duration.ofMillis(20), Duration.ofMillis(200));

  private final InMemoryStore store = new InMemoryStore();
  private final RecentClicks clicks = new RecentClicks(() -> Promotions.AT);

  @AfterAll
  static void stop() {
    STUB.close();
  }

  private PromotionNotifier notifier(MessageStore store) {
    ReliableSlack slack =
        new ReliableSlack(
            new WebApiSlack(STUB.apiUrl(), SlackStub.TOKEN, Duration.ofSeconds(5)),
            FAST,
            Pacer.SLEEP,
            System::nanoTime,
            NotifierMetrics.NONE);
    return new PromotionNotifier(
        new PromotionFormatter(),
        new ChannelRouter(
            "#default", Map.of(), Map.of("prod", "#prod-approvals", "prod-1", "#prod-1")),
        store,
        slack,
        clicks,
        new ResponseUrlResponder(Duration.ofSeconds(5)),
        NotifierMetrics.NONE);
  }

  @Test
  void eachChangeUpdatesTheOneMessageInPlaceAndAddsAThreadReply() throws Exception {
    PromotionNotifier n = notifier(store);
    n.handle("e1", pending("release-1", "prod-1"));
    n.handle("e2", pending("release-1", "prod-1", approval("alice", "slack")));
    n.handle(
        "e3",
        state(
            "release-1",
            "prod-1",
            State.RUNNING,
            null,
            "Approved.",
            approval("alice", "slack"),
            approval("dave", "shopctl")));

    List<SlackStub.Call> posts = STUB.calls("chat.postMessage", "#prod-1");
    String ts = posts.getFirst().ts();
    assertThat(posts.getFirst().threadTs()).isNull();
    assertThat(STUB.calls("chat.update", "#prod-1"))
        .extracting(SlackStub.Call::ts)
        .containsExactly(ts, ts);
    SlackStub.Posted main = STUB.messages("#prod-1").getFirst();
    assertThat(main.text()).contains("running (approved 2/2)");
    assertThat(main.blocks())
        .as("no buttons once it stopped waiting")
        .doesNotContain("shopset_approve");
    assertThat(STUB.thread("#prod-1", ts))
        .extracting(SlackStub.Posted::text)
        .satisfiesExactly(
            t -> assertThat(t).contains("requested by bob, waiting for 2 approvals"),
            t -> assertThat(t).contains("approved by alice (Slack) 1/2"),
            t -> assertThat(t).contains("running (approved 2/2)"));
    assertThat(store.get("promotion:release-1"))
        .get()
        .satisfies(m -> {
          assertThat(m.ts()).isEqualTo(ts);
          assertThat(m.handledEvents()).containsExactly("e1", "e2", "e3");
        });
  }

  @Test
  void whileItWaitsTheMessageCarriesApproveAndRejectButtonsNamingThePromotion() throws Exception {
    notifier(store).handle("b1", pending("release-buttons", "prod"));
    SlackStub.Posted main =
        STUB.messages("#prod-approvals").stream()
            .filter(m -> m.marker().equals("promotion:release-buttons"))
            .findFirst()
            .orElseThrow();
    assertThat(main.blocks())
        .contains(
            "\"action_id\":\"shopset_approve\"",
            "\"action_id\":\"shopset_reject\"",
            "\"value\":\"release-buttons\"");
  }

  @Test
  void aStateAlreadyHandledOrARestartUpdatesRatherThanRepostsOrRepeats() throws Exception {
    notifier(store).handle("r1", pending("release-restart", "staging-2"));
    notifier(store).handle("r1", pending("release-restart", "staging-2"));
    // A new notifier on the same (durable) store: a restart.
    notifier(store)
        .handle("r2", pending("release-restart", "staging-2", approval("alice", "slack")));

    assertThat(STUB.messages("#default"))
        .filteredOn(m -> m.threadTs() == null && "promotion:release-restart".equals(m.marker()))
        .hasSize(1);
    String ts = store.get("promotion:release-restart").orElseThrow().ts();
    assertThat(STUB.thread("#default", ts)).hasSize(2);
  }

  @Test
  void aRefusalIsRecordedInTheThreadAndToldToWhoClickedWhereOnlyTheySeeIt() throws Exception {
    clicks.remember("release-refused", "bob", STUB.responseUrl("refused-bob"));
    PromotionApprovalState refused =
        state(
            "release-refused",
            "prod",
            State.PENDING_APPROVAL,
            "SelfApproval",
            "Refused: bob requested Promotion 'release-refused' and may not approve it too."
                + " Waiting for 2 more approvals.");
    notifier(store).handle("f1", refused);

    String ts = store.get("promotion:release-refused").orElseThrow().ts();
    assertThat(STUB.thread("#prod-approvals", ts))
        .singleElement()
        .satisfies(r -> assertThat(r.text()).contains("may not approve it too"));
    assertThat(STUB.ephemerals("refused-bob"))
        .singleElement()
        .satisfies(e -> assertThat(e.text()).startsWith("ShopSet refused this: Refused: bob"));
  }

  @Test
  void aRollbackAskedFromARollBackButtonIsToldInTheThreadOfTheMessageThatOfferedIt()
      throws Exception {
    String before = "abcdef0123456789abcdef0123456789abcdef01";
    PromotionNotifier n = notifier(store);
    n.handle(
        "o1",
        withPrevious(state("release-offer", "prod", State.SUCCEEDED, null, "Moved."), before));
    String ts = store.get("promotion:release-offer").orElseThrow().ts();
    assertThat(STUB.messages("#prod-approvals"))
        .filteredOn(m -> "promotion:release-offer".equals(m.marker()))
        .singleElement()
        .satisfies(m -> assertThat(m.blocks()).contains("\"value\":\"prod@" + before + "\""));

    n.handle("o2", rollback("slack-aaaa", before, State.RUNNING, null, "Rolling back."));
    n.handle("o3", rollback("slack-aaaa", before, State.SUCCEEDED, null, "Rolled back."));
    n.handle("o3", rollback("slack-aaaa", before, State.SUCCEEDED, null, "Rolled back."));

    assertThat(STUB.thread("#prod-approvals", ts))
        .extracting(SlackStub.Posted::text)
        .satisfiesExactly(
            t -> assertThat(t).contains("promoted to prod"),
            t -> assertThat(t).contains("Roll back of prod to abcdef0 asked by alice", "running"),
            t -> assertThat(t).contains("asked by alice", "rolled back to abcdef0"));
    assertThat(STUB.messages("#prod-approvals"))
        .filteredOn(m -> m.threadTs() == null && "promotion:slack-aaaa".equals(m.marker()))
        .as("the rollback has its own message too")
        .singleElement()
        .satisfies(m -> assertThat(m.blocks()).doesNotContain("shopset_rollback"));
  }

  private static PromotionApprovalState withPrevious(PromotionApprovalState s, String previous) {
    return new PromotionApprovalState(
        s.namespace(),
        s.promotion(),
        s.generation(),
        s.fromTier(),
        s.toTier(),
        s.commit(),
        s.rollback(),
        s.requestedBy(),
        s.approvalsRequired(),
        s.approvals(),
        s.rejectedBy(),
        s.reason(),
        s.state(),
        s.expiresAt(),
        s.message(),
        previous);
  }

  private static PromotionApprovalState rollback(
      String name, String commit, State state, String reason, String message) {
    return new PromotionApprovalState(
        null, name, 1, "prod", "prod", commit, true, "alice", 0, List.of(), null, reason, state,
        null, message);
  }
}
