package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.gitpusher.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcePlanTest {

  static final String APP = "https://git.example/org/app.git";
  static final String CONFIG = "https://git.example/org/config.git";
  static final String SHA = "a".repeat(40);

  static RenderEvent render() {
    return Fixtures.render("sys", APP, CONFIG, "ns", "eu", 1, 1);
  }

  @Test
  void aNewBranchNeedsEverySourceItsRendersDeclare() {
    assertThat(SourcePlan.needed(List.of(render()), Map.of()))
        .containsExactly(new SourceRef(APP, Fixtures.TIER), new SourceRef(CONFIG, Fixtures.TIER));
  }

  @Test
  void aSubmodulePinnedToTheSameUrlAndBranchNeedsNothingHoweverTheUrlIsSpelled() {
    Map<String, Pin> pins =
        Map.of(
            "base",
            new Pin("base", "https://GIT.example/org/app", Fixtures.TIER, SHA),
            "config/ns/standard",
            new Pin("config/ns/standard", CONFIG + "/", Fixtures.TIER, SHA));
    assertThat(SourcePlan.needed(List.of(render()), pins)).isEmpty();
  }

  @Test
  void anotherBranchAnotherUrlOrAMissingGitlinkNeedsTheHead() {
    Map<String, Pin> pins =
        Map.of(
            "base", new Pin("base", APP, "tier-b", SHA),
            "config/ns/standard", new Pin("config/ns/standard", CONFIG, Fixtures.TIER, null));
    assertThat(SourcePlan.needed(List.of(render()), pins))
        .containsExactly(new SourceRef(APP, Fixtures.TIER), new SourceRef(CONFIG, Fixtures.TIER));
  }
}
