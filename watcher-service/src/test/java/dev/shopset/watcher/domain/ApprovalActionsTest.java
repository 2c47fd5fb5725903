package dev.shopset.watcher.domain;

import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.ApprovalActionRequested.Action;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.resources.PromotionApprovalSpec.Decision;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalActionsTest {

  private final Map<String, Tier> tiers =
      Map.of(
          "dev", tier("dev", "https://s.git", "prod"),
          "prod",
              ApprovalDecisionsTest.prod(
                  new PromotionPolicy(
                      new Subjects(List.of("alice"), List.of("release-managers")),
                      ApprovalDecisionsTest.policy(2, false).approvals())));

  @Test
  void anApprovalFromSlackBecomesAPromotionApprovalViaSlackNamedAfterTheInteraction() {
    var action = action(Action.APPROVE, "p1", null, "bob", "i-1");

    var outcome = ApprovalActions.decide(action, tiers::get);

    assertThat(outcome.approval().approver()).isEqualTo("bob");
    assertThat(outcome.approval().via()).isEqualTo("slack");
    assertThat(outcome.approval().decision()).isEqualTo(Decision.Approve);
    assertThat(outcome.name())
        .isEqualTo(ApprovalActions.decide(action, tiers::get).name())
        .isNotEqualTo(
            ApprovalActions.decide(action(Action.APPROVE, "p1", null, "bob", "i-2"), tiers::get)
                .name());
  }

  @Test
  void aPromoterPromotesFromSlackAsThemselves() {
    var outcome =
        ApprovalActions.decide(action(Action.PROMOTE, null, "dev", "alice", "i-3"), tiers::get);

    assertThat(outcome.promotion().tier()).isEqualTo("dev");
    assertThat(outcome.promotion().requestedBy()).isEqualTo("alice");
  }

  @Test
  void someoneNotAPromoterIsRefusedWithTheReason() {
    var outcome =
        ApprovalActions.decide(action(Action.PROMOTE, null, "dev", "mallory", "i-4"), tiers::get);

    assertThat(outcome.promotion()).isNull();
    assertThat(outcome.refusal().state()).isEqualTo(PromotionApprovalState.State.FAILED);
    assertThat(outcome.refusal().reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
    assertThat(outcome.refusal().message()).contains("mallory may not promote into Tier 'prod'");
  }

  @Test
  void aPromoterRollsBackFromSlackAsThemselvesToTheCommitOnTheButton() {
    var outcome =
        ApprovalActions.decide(
            rollback("prod", "0123456789abcdef0123456789abcdef01234567", "alice", "i-5"),
            tiers::get);

    assertThat(outcome.refusal()).isNull();
    assertThat(outcome.promotion().tier()).isEqualTo("prod");
    assertThat(outcome.promotion().isRollback()).isTrue();
    assertThat(outcome.promotion().commit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(outcome.promotion().requestedBy()).isEqualTo("alice");
  }

  @Test
  void aRollbackFromSlackBySomeoneTheTierDoesNotNameIsRefusedWithTheReason() {
    var outcome =
        ApprovalActions.decide(
            rollback("prod", "0123456789abcdef0123456789abcdef01234567", "mallory", "i-6"),
            tiers::get);

    assertThat(outcome.promotion()).isNull();
    assertThat(outcome.refusal().state()).isEqualTo(PromotionApprovalState.State.FAILED);
    assertThat(outcome.refusal().rollback()).isTrue();
    assertThat(outcome.refusal().toTier()).isEqualTo("prod");
    assertThat(outcome.refusal().requestedBy()).isEqualTo("mallory");
    assertThat(outcome.refusal().reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
    assertThat(outcome.refusal().message())
        .contains("mallory may not roll back Tier 'prod' from Slack")
        .contains("spec.promotionPolicy.promoters");
  }

  private static ApprovalActionRequested rollback(
      String tier, String commit, String actor, String interaction) {
    return new ApprovalActionRequested(
        Action.ROLLBACK,
        null,
        null,
        tier,
        commit,
        actor,
        List.of(),
        "U1",
        interaction,
        null,
        Instant.EPOCH);
  }

  private static ApprovalActionRequested action(
      Action what, String promotion, String tier, String actor, String interaction) {
    return new ApprovalActionRequested(
        what,
        null,
        promotion,
        tier,
        null,
        actor,
        List.of(),
        "U1",
        interaction,
        null,
        Instant.EPOCH);
  }
}
