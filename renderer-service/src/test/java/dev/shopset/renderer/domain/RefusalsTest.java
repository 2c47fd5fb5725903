package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.events.ShopSetRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refusal names the branch, the ShopSet at its generation, the reason and the field. */
class RefusalsTest {

  private static final String SYSTEM = "https://git.example.com/platform/system.git";

  @Test
  void aDesiredStateIsRefusedOnItsTiersBranchAtItsGeneration() {
    ShopSetDesired desired = dev.shopset.renderer.Samples.desired("shops", "web", SYSTEM);
    RenderRefused refused =
        Refusals.of(desired, Refusals.INVALID_DESIRED_STATE, "name: bad").orElseThrow();
    assertThat(refused.key()).isEqualTo(SYSTEM + "#dev");
    assertThat(refused.shopSets()).containsExactly(new ShopSetRef("shops", "web", 1));
    assertThat(refused.reason()).isEqualTo("InvalidDesiredState");
  }

  @Test
  void aMoveIsRefusedOnTheBranchItLeavesAndADeletionOnlyDeadLetters() {
    ShopSetMoved moved = new ShopSetMoved("shops", "web", 5, "dev", SYSTEM, "dev", "prod");
    assertThat(Refusals.of(moved, Refusals.RENDER_FAILED, "x").orElseThrow().shopSets())
        .containsExactly(new ShopSetRef("shops", "web", 5));
    assertThat(Refusals.of(new ShopSetDeleted("shops", "web", SYSTEM, "dev"), "R", "x"))
        .as("a deleted ShopSet has no status to write")
        .isEmpty();
  }

  @Test
  void tooLargeNamesTheFieldThatMakesTheRenderLarge() {
    ShopSetDesired sample = dev.shopset.renderer.Samples.desired("shops", "web", SYSTEM);
    ShopSetDesired.Spec s = sample.spec();
    ShopSetDesired withEnv =
        new ShopSetDesired(
            "shops",
            "web",
            1,
            sample.annotations(),
            new ShopSetDesired.Spec(
                s.tier(),
                s.configuration(),
                s.shops(),
                null,
                null,
                List.of(new ShopSetDesired.EnvVar("BIG", "x".repeat(1000))),
                null,
                null,
                null,
                null),
            sample.tier(),
            sample.configuration());
    assertThat(Refusals.tooLarge(withEnv, 2_000_000, 921_600))
        .startsWith("spec.env: ")
        .contains("2000000 bytes", "921600", "shopset.renderer.max-record-bytes");
    assertThat(Refusals.tooLarge(sample, 2_000_000, 921_600)).startsWith("spec.shops: ");
  }
}
