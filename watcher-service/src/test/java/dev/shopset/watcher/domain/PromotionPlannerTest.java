package dev.shopset.watcher.domain;

import static dev.shopset.contracts.testing.Fixtures.promotion;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Tier;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionPlannerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private final Map<String, Tier> tiers =
      Map.of(
          "dev", tier("dev", "https://s.git", "prod"),
          "prod", tier("prod", "https://s.git", null));

  @Test
  void newPromotionIsRequestedWithBranchesFromTheTiers() {
    var plan = PromotionPlanner.plan(promotion("p1", "dev"), tiers::get, NOW);

    assertThat(plan.request().fromTier()).isEqualTo("dev");
    assertThat(plan.request().toTier()).isEqualTo("prod");
    assertThat(plan.request().fromBranch()).isEqualTo("dev");
    assertThat(plan.request().toBranch()).isEqualTo("prod");
    assertThat(plan.request().appRepository()).isEqualTo("https://git.example/app.git");
    assertThat(plan.status().phase()).isEqualTo(Phase.Pending);
  }

  @Test
  void tierWithoutPromotesToFailsWithoutRequest() {
    var plan = PromotionPlanner.plan(promotion("p1", "prod"), tiers::get, NOW);

    assertThat(plan.request()).isNull();
    assertThat(plan.status().phase()).isEqualTo(Phase.Failed);
    assertThat(plan.status().reason()).isEqualTo(PromotionPlanner.NO_PROMOTION_TARGET);
    assertThat(plan.status().message()).contains("no spec.promotesTo");
  }

  @Test
  void promotionWithStatusForItsGenerationNeedsNothing() {
    var promotion = promotion("p1", "dev");
    promotion.setStatus(PromotionPlanner.plan(promotion, tiers::get, NOW).status());

    var plan = PromotionPlanner.plan(promotion, tiers::get, NOW);

    assertThat(plan.request()).isNull();
    assertThat(plan.status()).isNull();
  }

  @Test
  void resultIsRecordedOnce() {
    var result =
        new PromotionResult(
            "p1",
            1,
            "https://git.example/app.git",
            "dev",
            "prod",
            PromotionResult.Outcome.SUCCEEDED,
            "abc",
            null,
            null);

    var status = PromotionPlanner.statusOf(null, result).orElseThrow();

    assertThat(status.phase()).isEqualTo(Phase.Succeeded);
    assertThat(status.commit()).isEqualTo("abc");
    assertThat(PromotionPlanner.statusOf(PromotionPlanner.at(status, NOW), result)).isEmpty();
  }

  @Test
  void aSucceededResultRecordsTheHeadItReplacedAndARedeliveryThatFindsTheBranchThereKeepsIt() {
    var moved = result(PromotionResult.Outcome.SUCCEEDED, "new", null, "old");
    var status = PromotionPlanner.at(PromotionPlanner.statusOf(null, moved).orElseThrow(), NOW);
    assertThat(status.previousCommit()).isEqualTo("old");

    // A redelivery finds the branch already there and names no previous head: nothing changes.
    var alreadyThere = result(PromotionResult.Outcome.SUCCEEDED, "new", null, null);
    assertThat(PromotionPlanner.statusOf(status, alreadyThere)).isEmpty();

    var failed = result(PromotionResult.Outcome.FAILED, "new", "NotFastForward", "old");
    assertThat(PromotionPlanner.statusOf(null, failed).orElseThrow().previousCommit()).isNull();
  }

  @Test
  void theStateOfASucceededPromotionNamesWhatARollbackGoesBackToAndOthersDoNot() {
    var promotion = promotion("p1", "dev");
    var succeeded =
        PromotionPlanner.statusOf(
                null, result(PromotionResult.Outcome.SUCCEEDED, "new", null, "old"))
            .orElseThrow();
    var running = PromotionPlanner.plan(promotion, tiers::get, NOW).status();

    assertThat(PromotionStatuses.state(promotion, succeeded, "dev", "prod").previousCommit())
        .isEqualTo("old");
    assertThat(PromotionStatuses.state(promotion, running, "dev", "prod").previousCommit())
        .isNull();
    assertThat(PromotionStatuses.withGate(succeeded, null).previousCommit())
        .as("kept through the approval facts")
        .isEqualTo("old");
  }

  private static PromotionResult result(
      PromotionResult.Outcome outcome, String commit, String reason, String previousCommit) {
    return new PromotionResult(
        "p1",
        1,
        "https://git.example/app.git",
        "dev",
        "prod",
        outcome,
        commit,
        reason,
        "done",
        previousCommit);
  }

  private static Tier frozen(Tier tier) {
    var t = tier.getSpec();
    tier.setSpec(
        new dev.shopset.contracts.resources.TierSpec(
            t.rank(),
            t.branch(),
            t.appRepository(),
            t.systemRepository(),
            t.promotesTo(),
            t.namespaceSelector(),
            t.clusters(),
            true));
    return tier;
  }

  @Test
  void aPromotionIntoAFrozenTierFailsWithTierFrozenAndNoRequest() {
    Map<String, Tier> frozenProd =
        Map.of(
            "dev", tier("dev", "https://s.git", "prod"),
            "prod", frozen(tier("prod", "https://s.git", null)));
    var plan = PromotionPlanner.plan(promotion("p1", "dev"), frozenProd::get, NOW);

    assertThat(plan.request()).isNull();
    assertThat(plan.status().phase()).isEqualTo(Phase.Failed);
    assertThat(plan.status().reason()).isEqualTo(PromotionPlanner.TIER_FROZEN);
    assertThat(plan.status().message()).contains("'prod' is frozen");
  }

  @Test
  void aRollbackOfAFrozenTierIsStillRequested() {
    Map<String, Tier> frozenProd =
        Map.of(
            "dev", tier("dev", "https://s.git", "prod"),
            "prod", frozen(tier("prod", "https://s.git", null)));
    var rollback = promotion("rb", "prod");
    rollback.setSpec(
        new dev.shopset.contracts.resources.PromotionSpec("prod", "a".repeat(40), true));
    var plan = PromotionPlanner.plan(rollback, frozenProd::get, NOW);

    assertThat(plan.request()).isNotNull();
    assertThat(plan.request().rollback()).isTrue();
    assertThat(plan.request().toBranch()).isEqualTo("prod");
    assertThat(plan.request().commit()).isEqualTo("a".repeat(40));
  }
}
