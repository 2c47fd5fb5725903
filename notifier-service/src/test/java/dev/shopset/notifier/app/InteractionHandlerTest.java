package dev.shopset.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.ApprovalActionRequested.Action;
import dev.shopset.notifier.api.SlackForm;
import dev.shopset.notifier.domain.RecentClicks;
import dev.shopset.notifier.domain.SlackAction;
import dev.shopset.notifier.domain.SlackSignature;
import dev.shopset.notifier.domain.SlackUsers;
import dev.shopset.notifier.slack.ResponseUrlResponder;
import dev.shopset.notifier.slack.SlackInteractions;
import dev.shopset.notifier.slack.SlackStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A click on a ShopSet button, from the signed request to the published action or the reply. */
class InteractionHandlerTest {

  private static final SlackStub STUB = new SlackStub();
  private static final String SECRET = "handler-test-secret";
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private final List<ApprovalActionRequested> published = new CopyOnWriteArrayList<>();
  private final RecentClicks clicks = new RecentClicks(() -> NOW);
  private final InteractionHandler handler =
      new InteractionHandler(
          new SlackSignature(SECRET, Duration.ofMinutes(5), () -> NOW),
          new SlackForm(),
          () -> SlackUsers.parse("U0ALICE: alice, shop-releasers\nU0BOB: bob"),
          published::add,
          new ResponseUrlResponder(Duration.ofSeconds(5)),
          clicks,
          Runnable::run,
          () -> NOW);

  @AfterAll
  static void stop() {
    STUB.close();
  }

  private InteractionHandler.Answer send(SlackInteractions.Signed s) {
    return handler.handle(s.timestamp(), s.signature(), s.body().getBytes(StandardCharsets.UTF_8));
  }

  private static SlackInteractions.Signed click(
      String user, SlackAction a, String value, String r) {
    return SlackInteractions.sign(
        SECRET, NOW, SlackInteractions.click(STUB, user, a.actionId(), value, r));
  }

  @Test
  void aMappedUsersApprovalIsPublishedWithTheirKubernetesIdentityAndTheyAreToldItWasSent() {
    InteractionHandler.Answer answer =
        send(click("U0ALICE", SlackAction.APPROVE, "shop-a/release-42", "h-approve"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(published)
        .singleElement()
        .satisfies(a -> {
          assertThat(a.action()).isEqualTo(Action.APPROVE);
          assertThat(a.namespace()).isEqualTo("shop-a");
          assertThat(a.promotion()).isEqualTo("release-42");
          assertThat(a.actor()).isEqualTo("alice");
          assertThat(a.actorGroups()).containsExactly("shop-releasers");
          assertThat(a.slackUser()).isEqualTo("U0ALICE");
          assertThat(a.interactionId()).contains("/");
          assertThat(a.requestedAt()).isEqualTo(NOW);
          assertThat(a.key()).isEqualTo("shop-a/release-42");
        });
    assertThat(STUB.ephemerals("h-approve"))
        .singleElement()
        .satisfies(e -> assertThat(e.text()).contains("approval", "release-42", "sent as alice"));
  }

  @Test
  void aClusterScopedPromotionIsNamedAloneAndARejectIsARejection() {
    send(click("U0BOB", SlackAction.REJECT, "release-7", "h-reject"));
    assertThat(published)
        .singleElement()
        .satisfies(a -> {
          assertThat(a.action()).isEqualTo(Action.REJECT);
          assertThat(a.namespace()).isNull();
          assertThat(a.promotion()).isEqualTo("release-7");
          assertThat(a.actor()).isEqualTo("bob");
          assertThat(a.actorGroups()).isEmpty();
        });
  }

  @Test
  void promoteAndRollBackNameTheirPromotionAfterTheClickSoARedeliveryNamesTheSame() {
    send(click("U0ALICE", SlackAction.PROMOTE, "staging", "h-promote"));
    send(click("U0ALICE", SlackAction.ROLLBACK, "prod@0123abcd", "h-rollback"));
    assertThat(published).hasSize(2);
    assertThat(published.get(0).tier()).isEqualTo("staging");
    assertThat(published.get(0).promotion()).matches("slack-[0-9a-f]{20}");
    assertThat(published.get(1).action()).isEqualTo(Action.ROLLBACK);
    assertThat(published.get(1).tier()).isEqualTo("prod");
    assertThat(published.get(1).commit()).isEqualTo("0123abcd");
    assertThat(published.get(1).promotion()).isNotEqualTo(published.get(0).promotion());
  }

  @Test
  void anUnmappedUserIsToldSoWhereOnlyTheySeeItAndNothingIsPublished() {
    InteractionHandler.Answer answer =
        send(click("U0EVE", SlackAction.APPROVE, "shop-a/release-42", "h-unmapped"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(published).isEmpty();
    assertThat(STUB.ephemerals("h-unmapped"))
        .singleElement()
        .satisfies(e -> assertThat(e.text()).contains("U0EVE", "not mapped", "did nothing"));
  }

  @Test
  void staleForgedReplayedAndUnsignedRequestsAre401AndPublishNothing() {
    String body = SlackInteractions.click(STUB, "U0ALICE", "shopset_approve", "p", "h-bad");
    SlackInteractions.Signed good = SlackInteractions.sign(SECRET, NOW, body);

    assertThat(send(SlackInteractions.sign(SECRET, NOW.minusSeconds(600), body)).status())
        .isEqualTo(401);
    assertThat(send(SlackInteractions.sign(SECRET, NOW.plusSeconds(600), body)).status())
        .isEqualTo(401);
    assertThat(send(SlackInteractions.sign("forged", NOW, body)).status()).isEqualTo(401);
    assertThat(send(good.withSignature(null)).body()).contains("required");
    assertThat(published).isEmpty();
    assertThat(send(good).status()).isEqualTo(200);
    InteractionHandler.Answer replay = send(good);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.body()).contains("already received");
    assertThat(published).hasSize(1);
  }

  @Test
  void aPublishFailureIsToldToWhoClickedSoTheyCanClickAgain() {
    InteractionHandler failing =
        new InteractionHandler(
            new SlackSignature(SECRET, Duration.ofMinutes(5), () -> NOW),
            new SlackForm(),
            () -> SlackUsers.parse("U0ALICE: alice"),
            a -> {
              throw new IllegalStateException("broker down");
            },
            new ResponseUrlResponder(Duration.ofSeconds(5)),
            clicks,
            Runnable::run,
            () -> NOW);
    SlackInteractions.Signed s = click("U0ALICE", SlackAction.APPROVE, "p", "h-failed");
    InteractionHandler.Answer answer =
        failing.handle(s.timestamp(), s.signature(), s.body().getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(STUB.ephemerals("h-failed"))
        .singleElement()
        .satisfies(e -> assertThat(e.text()).contains("click again"));
  }

  @Test
  void buttonsThatAreNotShopSetsAndOtherPayloadTypesAreIgnored() {
    assertThat(send(click("U0ALICE", SlackAction.APPROVE, "", "h-empty")).status()).isEqualTo(200);
    String other = SlackInteractions.click(STUB, "U0ALICE", "someone_elses_button", "x", "h-x");
    assertThat(send(SlackInteractions.sign(SECRET, NOW, other)).status()).isEqualTo(200);
    assertThat(
            send(SlackInteractions.sign(
                    SECRET, NOW, "payload=%7B%22type%22%3A%22view_submission%22%7D"))
                .status())
        .isEqualTo(200);
    assertThat(send(SlackInteractions.sign(SECRET, NOW, "not=a-payload")).status()).isEqualTo(400);
    assertThat(published).isEmpty();
  }
}
