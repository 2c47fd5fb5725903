package dev.shopset.watcher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.TierStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SourceStatusesTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);

  private static CommitPushed commit(String sha, CommitPushed.PinMove... pins) {
    return new CommitPushed("https://s.git", "dev", sha, List.of(), 1, "x", T0, List.of(pins));
  }

  @Test
  void aCommitRecordsThePinsItMovedAndKeepsTheOthers() {
    var first =
        SourceStatuses.tierWithCommit(
                null,
                commit(
                    "c1",
                    new CommitPushed.PinMove("base", "https://app.git", "dev", null, A),
                    new CommitPushed.PinMove("config/ns/std", "https://cfg.git", "dev", null, A)))
            .orElseThrow();
    var second =
        SourceStatuses.tierWithCommit(
                first,
                commit("c2", new CommitPushed.PinMove("base", "https://app.git", "dev", A, B)))
            .orElseThrow();

    assertThat(second.pin("base").commit()).isEqualTo(B);
    assertThat(second.pin("config/ns/std").commit()).as("not moved: kept").isEqualTo(A);
    assertThat(second.lastCommit().sha()).isEqualTo("c2");
    assertThat(SourceStatuses.tierWithCommit(second, commit("c2"))).as("same again").isEmpty();
  }

  @Test
  void countsAndPromotionsAreRecordedOnceAndARollbackSaysSo() {
    var counted = SourceStatuses.tierWithCount(null, 3, 12).orElseThrow();
    var result =
        new PromotionResult(
            "roll-1",
            1,
            "https://app.git",
            "prod",
            "prod",
            PromotionResult.Outcome.SUCCEEDED,
            A,
            null,
            "back");

    var promoted = SourceStatuses.tierWithPromotion(counted, result, true, T0).orElseThrow();

    assertThat(promoted.shopSets()).isEqualTo(12);
    assertThat(promoted.observedGeneration()).isEqualTo(3);
    assertThat(promoted.lastPromotion())
        .isEqualTo(new TierStatus.LastPromotion("roll-1", "Succeeded", A, true, T0.toString()));
    assertThat(SourceStatuses.tierWithCount(promoted, 3, 12)).isEmpty();
    assertThat(SourceStatuses.tierWithPromotion(promoted, result, true, T0.plusSeconds(5)))
        .as("the same result later writes nothing")
        .isEmpty();
  }

  @Test
  void aConfigurationKnowsItsPinPerTierAndItsUsersWithACap() {
    var pinned = SourceStatuses.configurationWithPin(null, "prod", "prod", A).orElseThrow();
    var both = SourceStatuses.configurationWithPin(pinned, "dev", "dev", B).orElseThrow();
    var users =
        SourceStatuses.configurationWithUsers(
                both, 1, IntStream.range(0, 150).mapToObj(i -> "s-" + (1000 + i)).toList())
            .orElseThrow();

    assertThat(users.pins()).extracting(p -> p.tier()).containsExactly("dev", "prod");
    assertThat(users.shopSetCount()).isEqualTo(150);
    assertThat(users.shopSets()).hasSize(SourceStatuses.MAX_NAMES).startsWith("s-1000");
  }
}
