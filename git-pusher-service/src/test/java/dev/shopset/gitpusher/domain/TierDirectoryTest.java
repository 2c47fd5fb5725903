package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ShopSetDesired.ConfigurationState;
import dev.shopset.contracts.events.ShopSetDesired.Repository;
import dev.shopset.contracts.events.ShopSetDesired.TierState;
import dev.shopset.gitpusher.domain.TierDirectory.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierDirectoryTest {

  static final String APP = "https://git.example.com/shop/app.git";
  static final String CONFIG = "https://git.example.com/shop/config.git";
  static final String SYSTEM = "https://git.example.com/shop/system.git";

  static TierState tier(String name, int rank, String branch, String promotesTo) {
    return new TierState(
        name,
        rank,
        branch,
        new Repository(APP, null),
        new Repository(SYSTEM, null),
        promotesTo,
        List.of(),
        false);
  }

  static ConfigurationState config() {
    return new ConfigurationState("standard", new Repository(CONFIG, null));
  }

  TierDirectory loaded(TierState... tiers) {
    TierDirectory directory = new TierDirectory();
    for (TierState t : tiers) {
      directory.learn(t, config());
    }
    directory.markLoaded();
    return directory;
  }

  @Test
  void nothingIsCreatedBeforeTheDesiredStateIsRead() {
    TierDirectory directory = new TierDirectory();
    directory.learn(tier("dev", 0, "dev", "prod"), config());
    assertThat(directory.originOf(APP, "dev")).isInstanceOf(Origin.Unknown.class);
    directory.markLoaded();
    assertThat(directory.originOf(APP, "dev")).isEqualTo(new Origin.DefaultBranch());
  }

  @Test
  void theFirstTierStartsFromTheDefaultBranchAndTheNextFromTheTierThatPromotesToIt() {
    TierDirectory directory =
        loaded(
            tier("dev", 0, "dev", "staging"),
            tier("staging", 1, "release/staging", "prod"),
            tier("prod", 5, "prod", null));
    assertThat(directory.originOf(APP, "dev")).isEqualTo(new Origin.DefaultBranch());
    assertThat(directory.originOf(APP, "release/staging")).isEqualTo(new Origin.TierBelow("dev"));
    assertThat(directory.originOf(CONFIG + "/", "prod"))
        .isEqualTo(new Origin.TierBelow("release/staging"));
  }

  @Test
  void withoutPromotesToTheHighestLowerRankIsTheTierBelow() {
    TierDirectory directory =
        loaded(tier("a", 0, "a", null), tier("b", 3, "b", null), tier("c", 7, "c", null));
    assertThat(directory.originOf(APP, "c")).isEqualTo(new Origin.TierBelow("b"));
    assertThat(directory.originOf(APP, "b")).isEqualTo(new Origin.TierBelow("a"));
  }

  @Test
  void anUnknownBranchIsLeftAlone() {
    TierDirectory directory = loaded(tier("dev", 0, "dev", null));
    assertThat(directory.originOf(APP, "feature/x"))
        .isInstanceOfSatisfying(
            Origin.Unknown.class, u -> assertThat(u.why()).contains("feature/x"));
  }
}
