package dev.shopset.watcher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopSetStatusesTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");
  private static final ShopSetRef REF = new ShopSetRef("ns", "a", 3);
  private static final CommitPushed PUSHED =
      new CommitPushed("https://s.git", "gold", "abcdef1234567890", List.of(REF), 2, "x", T1);

  private static Condition valid(String status, String reason) {
    return new Condition(Conditions.VALID, status, reason, "m", null, 3L);
  }

  @Test
  void validIsWrittenOnceAndKeepsItsTransitionTime() {
    var first = ShopSetStatuses.withValid(null, valid("True", "Resolved"), 3, T1).orElseThrow();
    var again = ShopSetStatuses.withValid(first, valid("True", "Resolved"), 3, T2);
    var changed = ShopSetStatuses.withValid(first, valid("False", "TierNotFound"), 3, T2);

    assertThat(first.observedGeneration()).isEqualTo(3);
    assertThat(first.conditions())
        .singleElement()
        .satisfies(c -> assertThat(c.lastTransitionTime()).isEqualTo(T1.toString()));
    assertThat(again).as("same condition, later: nothing to write").isEmpty();
    assertThat(changed.orElseThrow().conditions().get(0).lastTransitionTime())
        .isEqualTo(T2.toString());
  }

  @Test
  void commitPushedSetsRenderedCommittedAndLastCommitOnce() {
    var status = ShopSetStatuses.withCommit(null, PUSHED, REF, T1).orElseThrow();

    assertThat(status.lastCommit().sha()).isEqualTo("abcdef1234567890");
    assertThat(status.lastCommit().branch()).isEqualTo("gold");
    assertThat(status.lastCommit().time()).isEqualTo(T1.toString());
    assertThat(status.conditions())
        .extracting(Condition::type, Condition::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Conditions.RENDERED, "True"),
            org.assertj.core.groups.Tuple.tuple(Conditions.COMMITTED, "True"));
    assertThat(ShopSetStatuses.withCommit(status, PUSHED, REF, T2)).isEmpty();
  }

  @Test
  void commitFailedSaysWhyAndAnOlderGenerationChangesNothing() {
    var status = ShopSetStatuses.withCommit(null, PUSHED, REF, T1).orElseThrow();
    var failed =
        new CommitFailed("https://s.git", "gold", List.of(REF), "PermissionDenied", "No write.");

    var afterFailure = ShopSetStatuses.withCommit(status, failed, REF, T2).orElseThrow();
    var stale = ShopSetStatuses.withCommit(afterFailure, PUSHED, new ShopSetRef("ns", "a", 2), T2);

    assertThat(ShopSetStatuses.find(afterFailure.conditions(), Conditions.COMMITTED))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo("False");
          assertThat(c.reason()).isEqualTo("PermissionDenied");
        });
    assertThat(afterFailure.lastCommit()).isEqualTo(status.lastCommit());
    assertThat(stale).isEmpty();
  }
}
