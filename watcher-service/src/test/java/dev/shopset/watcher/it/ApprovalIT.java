package dev.shopset.watcher.it;

import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionApprovalState.State;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionApprovalSpec;
import dev.shopset.contracts.resources.PromotionApprovalSpec.Decision;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import dev.shopset.watcher.domain.ApprovalActions;
import dev.shopset.watcher.domain.ApprovalDecisions;
import dev.shopset.watcher.kubernetes.WatcherLoop;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promotions into Tiers that require approvals: held in PendingApproval (no request to git-pusher)
 * until enough distinct allowed approvers approved through PromotionApprovals or Slack actions on
 * {@code shopset.approvals}; self-approvals and approvers the Tier does not name are refused with
 * the reason; rejected and expired Promotions never run; each change is a PromotionApprovalState.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ShopSetApi.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ApprovalIT {

  private static final String SYSTEM = "https://git.example/approval-system.git";

  @Inject KubernetesClient client;
  @Inject WatcherLoop loop;

  @BeforeEach
  void ready() {
    await().atMost(Duration.ofSeconds(30)).until(loop::ready);
  }

  @Test
  void aPromotionRunsOnlyAfterTwoDistinctAllowedApproversOneOfThemFromSlack() {
    tiers("two", 2, "24h", null);
    try (var requests = new TopicTail(Topics.PROMOTIONS);
        var states = new TopicTail(Topics.APPROVALS)) {
      promote("two-release", "two-dev", "alice");
      awaitPhase("two-release", Phase.PendingApproval);
      assertThat(status("two-release").requestedBy()).isEqualTo("alice");

      approve("two-self", "two-release", "alice", Decision.Approve);
      approve("two-mallory", "two-release", "mallory", Decision.Approve);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> {
            assertThat(approvalStatus("two-self").reason())
                .isEqualTo(ApprovalDecisions.SELF_APPROVAL);
            assertThat(approvalStatus("two-mallory").reason())
                .isEqualTo(ApprovalDecisions.NOT_ALLOWED);
            assertThat(approvalStatus("two-mallory").message())
                .contains("mallory may not approve or reject Promotions into Tier 'two-prod'");
          });
      // The refusal is also published (the Promotion's status message moves on to what it waits
      // for; the PromotionApprovals' statuses keep the reasons).
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() ->
              assertThat(states(states, "two-release"))
                  .extracting(PromotionApprovalState::message)
                  .anySatisfy(m -> assertThat(m).startsWith("Refused: ")));

      approve("two-bob", "two-release", "bob", Decision.Approve);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(status("two-release").approvals()).hasSize(1));
      assertThat(status("two-release").phase()).isEqualTo(Phase.PendingApproval);

      ApprovalActionRequested fromSlack =
          new ApprovalActionRequested(
              ApprovalActionRequested.Action.APPROVE,
              null,
              "two-release",
              null,
              null,
              "carol",
              List.of(),
              "U0CAROL",
              "two-interaction-1",
              "ship it",
              Instant.now());
      WatcherTestSupport.publish("/shopset/notifier", fromSlack);
      WatcherTestSupport.publish("/shopset/notifier", fromSlack); // a redelivery

      awaitPhase("two-release", Phase.Pending);
      PromotionStatus running = status("two-release");
      assertThat(running.approvals())
          .extracting(a -> a.by() + "/" + a.via())
          .containsExactly("bob/shopctl", "carol/slack");
      assertThat(
              client.resources(PromotionApproval.class).list().getItems().stream()
                  .filter(a -> a.getSpec().approver().equals("carol")))
          .as("one PromotionApproval per interaction")
          .hasSize(1);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> {
            assertThat(requested(requests, "two-release")).hasSize(1);
            assertThat(states(states, "two-release"))
                .extracting(PromotionApprovalState::state)
                .contains(State.PENDING_APPROVAL, State.RUNNING);
          });
      PromotionApprovalState last = states(states, "two-release").getLast();
      assertThat(last.state()).isEqualTo(State.RUNNING);
      assertThat(last.requestedBy()).isEqualTo("alice");
      assertThat(last.approvals()).extracting(a -> a.by()).containsExactly("bob", "carol");
    }
  }

  @Test
  void aRejectedPromotionNeverRuns() {
    tiers("rej", 1, "24h", null);
    try (var requests = new TopicTail(Topics.PROMOTIONS)) {
      promote("rej-release", "rej-dev", "alice");
      awaitPhase("rej-release", Phase.PendingApproval);

      approve("rej-bob", "rej-release", "bob", Decision.Reject);

      awaitPhase("rej-release", Phase.Rejected);
      assertThat(status("rej-release").rejectedBy()).isEqualTo("bob");
      approve("rej-carol", "rej-release", "carol", Decision.Approve);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() ->
              assertThat(approvalStatus("rej-carol").reason())
                  .isEqualTo(ApprovalDecisions.NOT_PENDING));
      assertThat(requested(requests, "rej-release")).isEmpty();
    }
  }

  @Test
  void aPromotionNotApprovedInTimeExpires() {
    tiers("exp", 1, "2s", null);
    try (var requests = new TopicTail(Topics.PROMOTIONS)) {
      promote("exp-release", "exp-dev", "alice");

      awaitPhase("exp-release", Phase.Expired);
      assertThat(status("exp-release").message()).contains("create the Promotion again");
      assertThat(requested(requests, "exp-release")).isEmpty();
    }
  }

  /**
   * Two tenants' promotions side by side: one requested by someone the Tier does not name as a
   * promoter fails NotAllowed; the other, by a promoter, waits for its approval and runs.
   */
  @Test
  void aRequesterWhoIsNotAPromoterFailsWhileTheOthersPromotionGoesOn() {
    tiers("prm", 1, "24h", new Subjects(List.of("alice"), List.of()));
    try (var requests = new TopicTail(Topics.PROMOTIONS)) {
      promote("prm-mallory", "prm-dev", "mallory");
      promote("prm-alice", "prm-dev", "alice");

      awaitPhase("prm-mallory", Phase.Failed);
      assertThat(status("prm-mallory").reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
      assertThat(status("prm-mallory").message())
          .contains("mallory may not promote into Tier 'prm-prod'");
      awaitPhase("prm-alice", Phase.PendingApproval);
      approve("prm-bob", "prm-alice", "bob", Decision.Approve);
      awaitPhase("prm-alice", Phase.Pending);
      assertThat(requested(requests, "prm-mallory")).isEmpty();
    }
  }

  /**
   * A promotion that ran names, in its status and in its SUCCEEDED state, the commit its target
   * branch held before (what the Slack message's Roll back button goes back to). A Slack rollback
   * by someone the Tier does not name as a promoter is refused with the reason; a promoter's
   * becomes a rollback Promotion to that commit, requested by them.
   */
  @Test
  void aSucceededPromotionNamesWhatARollbackGoesBackToAndOnlyAPromoterMayRollBackFromSlack() {
    String before = "1".repeat(40);
    String after = "2".repeat(40);
    tiers("rbk", 1, "24h", new Subjects(List.of("alice"), List.of()));
    try (var states = new TopicTail(Topics.APPROVALS)) {
      promote("rbk-release", "rbk-dev", "alice");
      awaitPhase("rbk-release", Phase.PendingApproval);
      approve("rbk-bob", "rbk-release", "bob", Decision.Approve);
      awaitPhase("rbk-release", Phase.Pending);

      WatcherTestSupport.publish(
          "/shopset/git-pusher",
          new PromotionResult(
              "rbk-release",
              1,
              "https://git.example/app.git",
              "rbk-dev",
              "rbk-prod",
              PromotionResult.Outcome.SUCCEEDED,
              after,
              null,
              "moved to " + after,
              before));

      awaitPhase("rbk-release", Phase.Succeeded);
      assertThat(status("rbk-release").previousCommit()).isEqualTo(before);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() ->
              assertThat(states(states, "rbk-release").getLast())
                  .satisfies(last -> {
                    assertThat(last.state()).isEqualTo(State.SUCCEEDED);
                    assertThat(last.previousCommit()).isEqualTo(before);
                  }));

      var byMallory = rollback("rbk-prod", before, "mallory", "rbk-interaction-1");
      var byAlice = rollback("rbk-prod", before, "alice", "rbk-interaction-2");
      WatcherTestSupport.publish("/shopset/notifier", byMallory);
      WatcherTestSupport.publish("/shopset/notifier", byAlice);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> {
            Promotion rollback =
                client.resources(Promotion.class).withName(ApprovalActions.nameOf(byAlice)).get();
            assertThat(rollback).isNotNull();
            assertThat(rollback.getSpec().isRollback()).isTrue();
            assertThat(rollback.getSpec().tier()).isEqualTo("rbk-prod");
            assertThat(rollback.getSpec().commit()).isEqualTo(before);
            assertThat(rollback.getSpec().requestedBy()).isEqualTo("alice");
          });
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() ->
              assertThat(states(states, ApprovalActions.nameOf(byMallory)))
                  .singleElement()
                  .satisfies(refused -> {
                    assertThat(refused.state()).isEqualTo(State.FAILED);
                    assertThat(refused.rollback()).isTrue();
                    assertThat(refused.reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
                    assertThat(refused.message())
                        .contains("mallory may not roll back Tier 'rbk-prod' from Slack");
                  }));
      // Both actions share the Tier's key, so Mallory's was carried out (refused) before Alice's
      // Promotion was written: no Promotion for Mallory's will follow.
      assertThat(
              client.resources(Promotion.class).withName(ApprovalActions.nameOf(byMallory)).get())
          .isNull();
    }
  }

  private static ApprovalActionRequested rollback(
      String tier, String commit, String actor, String interaction) {
    return new ApprovalActionRequested(
        ApprovalActionRequested.Action.ROLLBACK,
        null,
        null,
        tier,
        commit,
        actor,
        List.of(),
        "U0" + actor.toUpperCase(java.util.Locale.ROOT),
        interaction,
        null,
        Instant.now());
  }

  private void tiers(String prefix, int required, String expiry, Subjects promoters) {
    client.resource(tier(prefix + "-dev", SYSTEM, prefix + "-prod")).create();
    TierSpec base = tier(prefix + "-prod", SYSTEM, null).getSpec();
    Tier prod =
        tier(
            prefix + "-prod",
            new TierSpec(
                base.rank(),
                base.branch(),
                base.appRepository(),
                base.systemRepository(),
                null,
                base.namespaceSelector(),
                base.clusters(),
                null,
                new PromotionPolicy(
                    promoters,
                    new PromotionPolicy.Approvals(
                        required,
                        new Subjects(List.of("alice", "bob", "carol"), List.of()),
                        false,
                        expiry))));
    client.resource(prod).create();
  }

  private void promote(String name, String tier, String by) {
    Promotion p = new Promotion();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.setSpec(new PromotionSpec(tier).requestedBy(by, null));
    client.resource(p).create();
  }

  private void approve(String name, String promotion, String by, Decision decision) {
    PromotionApproval a = new PromotionApproval();
    a.setMetadata(new ObjectMetaBuilder().withName(name).build());
    a.setSpec(new PromotionApprovalSpec(promotion, decision, null, by, null, "shopctl"));
    client.resource(a).create();
  }

  private void awaitPhase(String name, Phase phase) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Promotion p = client.resources(Promotion.class).withName(name).get();
          assertThat(p.getStatus()).as("status of %s", name).isNotNull();
          assertThat(p.getStatus().phase()).as("%s: %s", name, p.getStatus()).isEqualTo(phase);
        });
  }

  private PromotionStatus status(String name) {
    return client.resources(Promotion.class).withName(name).get().getStatus();
  }

  private dev.shopset.contracts.resources.PromotionApprovalStatus approvalStatus(String name) {
    var a = client.resources(PromotionApproval.class).withName(name).get();
    assertThat(a.getStatus()).as("status of %s", name).isNotNull();
    return a.getStatus();
  }

  private static List<TopicTail.Seen> requested(TopicTail requests, String promotion) {
    return requests.read(k -> true).stream()
        .filter(e -> e.event().type() == EventType.PROMOTION_REQUESTED)
        .filter(e -> e.event().subject().equals(promotion))
        .toList();
  }

  private static List<PromotionApprovalState> states(TopicTail states, String promotion) {
    return states.read(promotion::equals).stream()
        .filter(e -> e.event().data() instanceof PromotionApprovalState)
        .map(e -> (PromotionApprovalState) e.event().data())
        .toList();
  }
}
