package dev.shopset.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.events.Approval;
import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.ApprovalActionRequested.Action;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionApprovalState.State;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.notifier.slack.SlackInteractions;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.SlackStubResource;
import dev.shopset.testkit.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slack's button clicks through the whole service: signed requests to {@code /slack/interactions}
 * in, approval-action-requested on {@code shopset.approvals} (the real broker) out; and the
 * watcher's promotion-approval-state in, the Promotion's message in the Slack stub out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SlackStubResource.class)
class SlackInteractionsIT {

  /** The signing secret of the %test profile. */
  private static final String SECRET = "it-signing-secret";

  private static RolloutRecords records;
  private final SlackStub stub = SlackStub.shared();

  @BeforeAll
  static void producer() {
    records = new RolloutRecords();
  }

  @AfterAll
  static void close() {
    records.close();
  }

  private static Response post(SlackInteractions.Signed s) {
    var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8");
    if (s.timestamp() != null) {
      request = request.header("X-Slack-Request-Timestamp", s.timestamp());
    }
    if (s.signature() != null) {
      request = request.header("X-Slack-Signature", s.signature());
    }
    return request.body(s.body()).when().post("/slack/interactions");
  }

  private String click(String user, String actionId, String value, String responseId) {
    return SlackInteractions.click(stub, user, actionId, value, responseId);
  }

  /** The approval actions on the topic so far, decoded. */
  private static List<ApprovalActionRequested> actions() {
    return RolloutRecords.readAll(Topics.APPROVALS).stream()
        .map(SlackInteractionsIT::decode)
        .filter(e -> e.data() instanceof ApprovalActionRequested)
        .map(e -> (ApprovalActionRequested) e.data())
        .toList();
  }

  private static CloudEvent<ShopSetEvent> decode(TopicTail.Seen r) {
    return r.event();
  }

  @Test
  void aSignedClickFromAMappedUserBecomesAnApprovalActionOnTheTopicKeyedByThePromotion() {
    Response r =
        post(
            SlackInteractions.sign(
                SECRET,
                Instant.now(),
                click("U0ALICE", "shopset_approve", "shop-a/it-release-1", "it-valid")));

    assertThat(r.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(RolloutRecords.readAll(Topics.APPROVALS))
                .filteredOn(rec -> rec.key().equals("shop-a/it-release-1"))
                .singleElement()
                .satisfies(rec -> {
                  ApprovalActionRequested a = (ApprovalActionRequested) decode(rec).data();
                  assertThat(a.action()).isEqualTo(Action.APPROVE);
                  assertThat(a.actor()).isEqualTo("alice");
                  assertThat(a.actorGroups()).containsExactly("shop-releasers");
                  assertThat(a.slackUser()).isEqualTo("U0ALICE");
                  assertThat(decode(rec).source()).isEqualTo("/shopset/notifier");
                }));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(stub.ephemerals("it-valid"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("sent as alice")));
  }

  @Test
  void staleForgedReplayedAndUnsignedClicksAre401AndPublishNothing() {
    String body = click("U0ALICE", "shopset_approve", "it-refused-release", "it-refused");
    SlackInteractions.Signed good = SlackInteractions.sign(SECRET, Instant.now(), body);

    assertThat(
            post(SlackInteractions.sign(SECRET, Instant.now().minusSeconds(301), body))
                .statusCode())
        .as("stale")
        .isEqualTo(401);
    assertThat(
            post(SlackInteractions.sign(SECRET, Instant.now().plusSeconds(400), body)).statusCode())
        .as("from the future")
        .isEqualTo(401);
    assertThat(post(SlackInteractions.sign("not-the-secret", Instant.now(), body)).statusCode())
        .as("forged")
        .isEqualTo(401);
    assertThat(post(good.withSignature(null)).statusCode()).as("unsigned").isEqualTo(401);
    assertThat(post(good).statusCode()).as("the genuine one").isEqualTo(200);
    Response replay = post(good);
    assertThat(replay.statusCode()).as("replayed").isEqualTo(401);
    assertThat(replay.asString()).contains("already received");
    // A later marker: once it is on the topic, everything sent before it is too.
    post(
        SlackInteractions.sign(
            SECRET, Instant.now(), click("U0BOB", "shopset_reject", "it-marker-1", "it-m1")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(actions())
                .extracting(ApprovalActionRequested::promotion)
                .contains("it-marker-1"));
    assertThat(actions())
        .filteredOn(a -> a.promotion().equals("it-refused-release"))
        .as("only the genuine request was published, once")
        .hasSize(1);
    assertThat(stub.ephemerals("it-refused")).hasSize(1);
  }

  @Test
  void anUnmappedSlackUserIsToldSoAndNothingIsPublished() {
    Response r =
        post(
            SlackInteractions.sign(
                SECRET,
                Instant.now(),
                click("U0MALLORY", "shopset_approve", "it-unmapped-release", "it-unmapped")));

    assertThat(r.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(stub.ephemerals("it-unmapped"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("U0MALLORY", "not mapped")));
    post(
        SlackInteractions.sign(
            SECRET, Instant.now(), click("U0BOB", "shopset_reject", "it-marker-2", "it-m2")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(actions())
                .extracting(ApprovalActionRequested::promotion)
                .contains("it-marker-2"));
    assertThat(actions())
        .extracting(ApprovalActionRequested::promotion)
        .doesNotContain("it-unmapped-release");
  }

  @Test
  void aPromotionsMessageIsPostedWithButtonsClickedUpdatedInPlaceAndItsThreadKeepsTheHistory() {
    PromotionApprovalState pending = state(State.PENDING_APPROVAL, List.of(), null, "Waiting.");
    records.sendEvent(pending);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(main()).isNotNull());
    SlackStub.Posted posted = main();
    assertThat(posted.text()).contains("requested by bob, waiting for 2 approvals");
    Matcher value =
        Pattern.compile("\"action_id\":\"shopset_approve\".*?\"value\":\"([^\"]+)\"")
            .matcher(posted.blocks());
    assertThat(value.find()).as("an Approve button: %s", posted.blocks()).isTrue();

    // alice clicks Approve on that message: the action reaches the topic for the watcher.
    post(
        SlackInteractions.sign(
            SECRET, Instant.now(), click("U0ALICE", "shopset_approve", value.group(1), "it-flow")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(actions())
                .filteredOn(a -> a.promotion().equals("it-flow-release"))
                .singleElement()
                .satisfies(a -> assertThat(a.actor()).isEqualTo("alice")));

    // The watcher counted it; then dave approved from the terminal and it ran.
    Approval alice = new Approval("alice", Approval.VIA_SLACK, Instant.now(), null);
    records.sendEvent(state(State.PENDING_APPROVAL, List.of(alice), null, "Waiting for 1 more."));
    Approval dave = new Approval("dave", Approval.VIA_SHOPCTL, Instant.now(), null);
    records.sendEvent(state(State.RUNNING, List.of(alice, dave), null, "Approved; promoting."));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(main().text()).contains("running (approved 2/2)"));
    SlackStub.Posted now = main();
    assertThat(now.ts()).as("updated in place").isEqualTo(posted.ts());
    assertThat(now.blocks()).doesNotContain("shopset_approve");
    assertThat(stub.calls("chat.update", "#it-approvals"))
        .filteredOn(u -> u.params().get("blocks").contains("`it-flow-release`"))
        .isNotEmpty()
        .allSatisfy(u -> assertThat(u.ts()).isEqualTo(posted.ts()));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(stub.thread("#it-approvals", posted.ts()))
                .extracting(SlackStub.Posted::text)
                .satisfiesExactly(
                    t -> assertThat(t).contains("requested by bob"),
                    t -> assertThat(t).contains("approved by alice (Slack) 1/2"),
                    t -> assertThat(t).contains("running (approved 2/2)")));
    assertThat(stub.messages("#it-approvals"))
        .filteredOn(m -> m.threadTs() == null && "promotion:it-flow-release".equals(m.marker()))
        .as("one message for the Promotion")
        .hasSize(1);
  }

  @Test
  void aClickTheWatcherRefusesIsShownInTheThreadAndToWhoClickedWhereOnlyTheySee() {
    records.sendEvent(refusable(State.PENDING_APPROVAL, null, "Waiting for 2 approvals."));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(message("it-refusal-release")).isNotNull());
    String ts = message("it-refusal-release").ts();

    // bob requested it and clicks Approve himself: the notifier passes it on...
    post(
        SlackInteractions.sign(
            SECRET,
            Instant.now(),
            click("U0BOB", "shopset_approve", "it-refusal-release", "it-self-approval")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(actions())
                .filteredOn(a -> a.promotion().equals("it-refusal-release"))
                .singleElement()
                .satisfies(a -> assertThat(a.actor()).isEqualTo("bob")));
    // ...and the watcher refuses it in the next state.
    records.sendEvent(
        refusable(
            State.PENDING_APPROVAL,
            "SelfApproval",
            "Refused: bob requested Promotion 'it-refusal-release' and may not approve it too:"
                + " Tier 'it-prod' needs approvals from others (allowSelfApproval is false)."
                + " Waiting for 2 more approvals."));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(stub.thread("#it-approvals", ts))
                .extracting(SlackStub.Posted::text)
                .anySatisfy(t -> assertThat(t).contains("may not approve it too")));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(stub.ephemerals("it-self-approval"))
                .extracting(SlackStub.Ephemeral::text)
                .anySatisfy(
                    t -> assertThat(t).contains("ShopSet refused this", "may not approve")));
    assertThat(message("it-refusal-release").blocks()).contains("may not approve it too");
  }

  @Test
  void aSucceededPromotionsRollBackClickedByAMappedUserBecomesARollbackAndTheThreadSaysWhoAsked() {
    String before = "feedface0123456789abcdef0123456789abcdef";
    records.sendEvent(
        new PromotionApprovalState(
            null,
            "it-rb-release",
            1,
            "staging",
            "it-prod",
            null,
            false,
            "bob",
            0,
            List.of(),
            null,
            null,
            State.SUCCEEDED,
            null,
            "Moved it-prod to the head of staging.",
            before));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(message("it-rb-release")).isNotNull());
    SlackStub.Posted posted = message("it-rb-release");
    Matcher value =
        Pattern.compile("\"action_id\":\"shopset_rollback\".*?\"value\":\"([^\"]+)\"")
            .matcher(posted.blocks());
    assertThat(value.find()).as("a Roll back button: %s", posted.blocks()).isTrue();
    assertThat(value.group(1)).isEqualTo("it-prod@" + before);
    assertThat(posted.blocks()).contains("Roll back it-prod to feedfac?", "\"style\":\"danger\"");

    // Someone without a mapping clicks it: told so where only they see it, nothing published.
    assertThat(
            post(SlackInteractions.sign(
                    SECRET,
                    Instant.now(),
                    click("U0MALLORY", "shopset_rollback", value.group(1), "it-rb-unmapped")))
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(stub.ephemerals("it-rb-unmapped"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("U0MALLORY", "not mapped")));

    // alice (mapped) clicks it: a ROLLBACK of it-prod to the commit, as alice, for the watcher.
    post(
        SlackInteractions.sign(
            SECRET,
            Instant.now(),
            click("U0ALICE", "shopset_rollback", value.group(1), "it-rb-alice")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() ->
            assertThat(actions())
                .filteredOn(a -> a.action() == Action.ROLLBACK && "it-prod".equals(a.tier()))
                .singleElement()
                .satisfies(a -> {
                  assertThat(a.commit()).isEqualTo(before);
                  assertThat(a.actor()).isEqualTo("alice");
                  assertThat(a.actorGroups()).containsExactly("shop-releasers");
                  assertThat(a.slackUser()).isEqualTo("U0ALICE");
                  assertThat(a.promotion()).startsWith("slack-");
                }));
    ApprovalActionRequested asked =
        actions().stream().filter(a -> a.action() == Action.ROLLBACK).findFirst().orElseThrow();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(stub.ephemerals("it-rb-alice"))
                .singleElement()
                .satisfies(e ->
                    assertThat(e.text())
                        .contains("Your rollback of Tier it-prod to " + before, "sent as alice")));

    // The watcher made it a rollback Promotion requested by alice: the thread says who asked.
    records.sendEvent(
        new PromotionApprovalState(
            null,
            asked.promotion(),
            1,
            "it-prod",
            "it-prod",
            before,
            true,
            "alice",
            0,
            List.of(),
            null,
            null,
            State.RUNNING,
            null,
            "Rolling it-prod back."));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(stub.thread("#it-approvals", posted.ts()))
                .extracting(SlackStub.Posted::text)
                .anySatisfy(
                    t -> assertThat(t).contains("Roll back of it-prod to feedfac asked by alice")));
    assertThat(message(asked.promotion()).blocks())
        .as("the rollback's own message offers no Roll back")
        .doesNotContain("shopset_rollback");
  }

  private SlackStub.Posted message(String promotion) {
    return stub.messages("#it-approvals").stream()
        .filter(m -> ("promotion:" + promotion).equals(m.marker()))
        .findFirst()
        .orElse(null);
  }

  private static PromotionApprovalState refusable(State state, String reason, String message) {
    return new PromotionApprovalState(
        null,
        "it-refusal-release",
        1,
        "staging",
        "it-prod",
        null,
        false,
        "bob",
        2,
        List.of(),
        null,
        reason,
        state,
        Instant.now().plusSeconds(3600),
        message);
  }

  private SlackStub.Posted main() {
    return stub.messages("#it-approvals").stream()
        .filter(m -> "promotion:it-flow-release".equals(m.marker()))
        .findFirst()
        .orElse(null);
  }

  private static PromotionApprovalState state(
      State state, List<Approval> approvals, String reason, String message) {
    return new PromotionApprovalState(
        null,
        "it-flow-release",
        1,
        "staging",
        "it-prod",
        "0123abcd",
        false,
        "bob",
        2,
        approvals,
        null,
        reason,
        state,
        Instant.now().plusSeconds(3600),
        message);
  }
}
