package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.gitpusher.domain.PinPolicy.Decision;
import org.junit.jupiter.api.Test;

class PinPolicyTest {

  static final SourceRef APP = new SourceRef("https://git.example/app.git", "prod");
  static final String OLD = "1".repeat(40);
  static final String NEW = "2".repeat(40);

  static PinMove move(String head, boolean rollback) {
    return new PinMove(APP, null, head, rollback);
  }

  @Test
  void aPinFollowingAnotherSourceOrAlreadyThereIsLeftAlone() {
    assertThat(
            PinPolicy.decide(
                new Pin("base", "https://git.example/other.git", "prod", OLD), move(NEW, false)))
        .isEqualTo(Decision.NOTHING);
    assertThat(PinPolicy.decide(new Pin("base", APP.url(), "prod", NEW), move(NEW, false)))
        .isEqualTo(Decision.NOTHING);
  }

  @Test
  void aMoveAwayFromAPinnedCommitNeedsItsAncestryAndOnlyADescendantIsAllowed() {
    Pin pinned = new Pin("base", APP.url() + "/", "prod", OLD);
    assertThat(PinPolicy.decide(pinned, move(NEW, false))).isEqualTo(Decision.ASK_ANCESTRY);
    assertThat(PinPolicy.allows(pinned, move(NEW, false), true)).isTrue();
    assertThat(PinPolicy.allows(pinned, move(NEW, false), false)).isFalse();
  }

  @Test
  void aFirstPinAndAnExplicitRollbackMoveWithoutAsking() {
    assertThat(PinPolicy.decide(new Pin("base", APP.url(), "prod", null), move(NEW, false)))
        .isEqualTo(Decision.MOVE);
    Pin pinned = new Pin("base", APP.url(), "prod", NEW);
    assertThat(PinPolicy.decide(pinned, move(OLD, true))).isEqualTo(Decision.MOVE);
    assertThat(PinPolicy.allows(pinned, move(OLD, true), false)).isTrue();
  }
}
