package dev.shopset.watcher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderRefused;
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
    var first = ShopSetStatuses.withValid(null, valid("True", "Resolved"), 3, 1, T1).orElseThrow();
    var again = ShopSetStatuses.withValid(first, valid("True", "Resolved"), 3, 1, T2);
    var changed = ShopSetStatuses.withValid(first, valid("False", "TierNotFound"), 3, 1, T2);

    assertThat(first.observedGeneration()).isEqualTo(3);
    assertThat(first.shops()).as("the shop count kubectl get shows").isEqualTo(1);
    assertThat(ShopSetStatuses.find(first.conditions(), Conditions.VALID).lastTransitionTime())
        .isEqualTo(T1.toString());
    assertThat(again).as("same condition, later: nothing to write").isEmpty();
    assertThat(
            ShopSetStatuses.find(changed.orElseThrow().conditions(), Conditions.VALID)
                .lastTransitionTime())
        .isEqualTo(T2.toString());
  }

  @Test
  void commitPushedSetsRenderedCommittedAndLastCommitOnce() {
    var status = ShopSetStatuses.withCommit(null, PUSHED, REF, 3, T1).orElseThrow();

    assertThat(status.lastCommit().sha()).isEqualTo("abcdef1234567890");
    assertThat(status.lastCommit().branch()).isEqualTo("gold");
    assertThat(status.lastCommit().time()).isEqualTo(T1.toString());
    assertThat(status.conditions())
        .extracting(Condition::type, Condition::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Conditions.RENDERED, "True"),
            org.assertj.core.groups.Tuple.tuple(Conditions.COMMITTED, "True"),
            org.assertj.core.groups.Tuple.tuple(Conditions.READY, "Unknown"),
            org.assertj.core.groups.Tuple.tuple(Conditions.RECONCILING, "True"),
            org.assertj.core.groups.Tuple.tuple(Conditions.STALLED, "False"));
    assertThat(ShopSetStatuses.withCommit(status, PUSHED, REF, 3, T2)).isEmpty();
  }

  @Test
  void aLateCommitOfAnEarlierShopSetOfTheSameNameDoesNotMakeTheNewOneLookCommitted() {
    // "ns/a" was committed at generation 3, deleted and created again: the new one is at 1
    var created =
        ShopSetStatuses.withValid(null, valid("True", "Resolved"), 1, 1, T1).orElseThrow();

    assertThat(ShopSetStatuses.withCommit(created, PUSHED, REF, 1, T2))
        .as("generation 3 of a ShopSet at generation 1 was the earlier one's")
        .isEmpty();
    var own =
        ShopSetStatuses.withCommit(created, PUSHED, new ShopSetRef("ns", "a", 1), 1, T2)
            .orElseThrow();
    assertThat(ShopSetStatuses.find(own.conditions(), Conditions.COMMITTED).observedGeneration())
        .isEqualTo(1);
  }

  @Test
  void commitFailedSaysWhyAndAnOlderGenerationChangesNothing() {
    var status = ShopSetStatuses.withCommit(null, PUSHED, REF, 3, T1).orElseThrow();
    var failed =
        new CommitFailed("https://s.git", "gold", List.of(REF), "PermissionDenied", "No write.");

    var afterFailure = ShopSetStatuses.withCommit(status, failed, REF, 3, T2).orElseThrow();
    var stale =
        ShopSetStatuses.withCommit(afterFailure, PUSHED, new ShopSetRef("ns", "a", 2), 3, T2);

    assertThat(ShopSetStatuses.find(afterFailure.conditions(), Conditions.COMMITTED))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo("False");
          assertThat(c.reason()).isEqualTo("PermissionDenied");
        });
    assertThat(afterFailure.lastCommit()).isEqualTo(status.lastCommit());
    assertThat(stale).isEmpty();
  }

  @Test
  void readyIsTrueOnlyOnceTheCurrentGenerationIsValidRenderedAndCommitted() {
    var valid = ShopSetStatuses.withValid(null, valid("True", "Resolved"), 3, 1, T1).orElseThrow();
    var committed = ShopSetStatuses.withCommit(valid, PUSHED, REF, 3, T1).orElseThrow();
    var nextGeneration =
        ShopSetStatuses.withValid(
                committed,
                new Condition(Conditions.VALID, "True", "Resolved", "m", null, 4L),
                4,
                2,
                T2)
            .orElseThrow();

    assertThat(ShopSetStatuses.find(valid.conditions(), Conditions.READY).status())
        .as("valid, not yet committed")
        .isEqualTo(Condition.UNKNOWN);
    assertThat(ShopSetStatuses.find(committed.conditions(), Conditions.READY))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(Condition.TRUE);
          assertThat(c.observedGeneration()).isEqualTo(3);
        });
    assertThat(ShopSetStatuses.find(nextGeneration.conditions(), Conditions.READY))
        .satisfies(c -> {
          assertThat(c.status()).as("generation 4 is on its way").isEqualTo(Condition.UNKNOWN);
          assertThat(c.reason()).isEqualTo(ShopSetStatuses.RECONCILING);
        });
  }

  @Test
  void reconcilingAndStalledSayWhatKstatusReadsBesideReady() {
    var valid = ShopSetStatuses.withValid(null, valid("True", "Resolved"), 3, 1, T1).orElseThrow();
    var committed = ShopSetStatuses.withCommit(valid, PUSHED, REF, 3, T1).orElseThrow();
    var refused =
        ShopSetStatuses.withCommit(
                valid,
                new RenderRefused(
                    "https://s.git", "gold", List.of(REF), "InvalidDesiredState", "x"),
                REF,
                3,
                T2)
            .orElseThrow();

    assertThat(statusOf(valid, Conditions.RECONCILING)).as("on its way").isEqualTo("True");
    assertThat(statusOf(valid, Conditions.STALLED)).isEqualTo("False");
    assertThat(statusOf(committed, Conditions.RECONCILING)).as("committed").isEqualTo("False");
    assertThat(statusOf(committed, Conditions.STALLED)).isEqualTo("False");
    assertThat(statusOf(refused, Conditions.RECONCILING)).isEqualTo("False");
    assertThat(ShopSetStatuses.find(refused.conditions(), Conditions.STALLED))
        .as("refused: stuck until the spec changes")
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo("True");
          assertThat(c.reason()).isEqualTo("InvalidDesiredState");
          assertThat(c.observedGeneration()).isEqualTo(3);
        });
  }

  @Test
  void aGitOutageKeepsTheShopSetReconcilingAndOnlyWhatNeedsAPersonStallsIt() {
    var valid = ShopSetStatuses.withValid(null, valid("True", "Resolved"), 3, 1, T1).orElseThrow();
    var outage =
        ShopSetStatuses.withCommit(
                valid,
                new CommitFailed(
                    "https://s.git",
                    "gold",
                    List.of(REF),
                    "Unavailable",
                    "git.example did not answer"),
                REF,
                3,
                T2)
            .orElseThrow();
    var refusedCredentials =
        ShopSetStatuses.withCommit(
                valid,
                new CommitFailed(
                    "https://s.git", "gold", List.of(REF), "AuthenticationFailed", "HTTP 401"),
                REF,
                3,
                T2)
            .orElseThrow();

    assertThat(ShopSetStatuses.find(outage.conditions(), Conditions.READY))
        .satisfies(c -> {
          assertThat(c.status()).as("not ready: nothing of it is in git").isEqualTo("False");
          assertThat(c.reason()).isEqualTo("Unavailable");
        });
    assertThat(ShopSetStatuses.find(outage.conditions(), Conditions.RECONCILING))
        .satisfies(c -> {
          assertThat(c.status()).as("the git-pusher retries by itself").isEqualTo("True");
          assertThat(c.reason()).isEqualTo("Unavailable");
          assertThat(c.message()).contains("retrying by itself");
        });
    assertThat(statusOf(outage, Conditions.STALLED)).as("no one need act").isEqualTo("False");
    assertThat(statusOf(refusedCredentials, Conditions.STALLED))
        .as("credentials need a person")
        .isEqualTo("True");
    assertThat(statusOf(refusedCredentials, Conditions.RECONCILING)).isEqualTo("False");
  }

  private static String statusOf(dev.shopset.contracts.resources.ShopSetStatus s, String type) {
    return ShopSetStatuses.find(s.conditions(), type).status();
  }

  @Test
  void aRefusedRenderMakesRenderedAndReadyFalseWithTheReasonAndField() {
    var valid = ShopSetStatuses.withValid(null, valid("True", "Resolved"), 3, 1, T1).orElseThrow();
    var refused =
        new RenderRefused(
            "https://s.git",
            "gold",
            List.of(REF),
            "InvalidDesiredState",
            "spec.env[0].value: longer than 32768 characters");

    var status = ShopSetStatuses.withCommit(valid, refused, REF, 3, T2).orElseThrow();

    assertThat(ShopSetStatuses.find(status.conditions(), Conditions.RENDERED))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(Condition.FALSE);
          assertThat(c.reason()).isEqualTo("InvalidDesiredState");
        });
    assertThat(ShopSetStatuses.find(status.conditions(), Conditions.READY))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(Condition.FALSE);
          assertThat(c.message()).contains("spec.env[0].value");
        });
  }

  @Test
  void aLateCommitOfAnOlderGenerationDoesNotHideANewerRefusal() {
    var refused =
        new RenderRefused("https://s.git", "gold", List.of(REF), "RenderTooLarge", "too large");
    var status = ShopSetStatuses.withCommit(null, refused, REF, 3, T1).orElseThrow();

    var late =
        ShopSetStatuses.withCommit(status, PUSHED, new ShopSetRef("ns", "a", 2), 3, T2)
            .orElse(status);

    assertThat(ShopSetStatuses.find(late.conditions(), Conditions.RENDERED).status())
        .isEqualTo(Condition.FALSE);
    assertThat(ShopSetStatuses.find(late.conditions(), Conditions.READY).status())
        .isEqualTo(Condition.FALSE);
  }
}
