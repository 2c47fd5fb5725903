package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.gitpusher.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PinDirectoryTest {

  static final String APP = "https://git.example/app.git";
  static final String CONFIG = "https://git.example/config.git";
  static final String SYSTEM = "https://git.example/system.git";

  @Test
  void everyTierBranchOfAShopSetPinsItsAppAndConfigurationBranchOfTheSameName() {
    PinDirectory directory = new PinDirectory();
    directory.learn(
        Fixtures.desired("a", "eu", Fixtures.tier("dev", 0, "dev", "prod", APP, SYSTEM), CONFIG));
    directory.learn(
        Fixtures.desired("b", "us", Fixtures.tier("prod", 1, "prod", null, APP, SYSTEM), CONFIG));
    assertThat(directory.pinners(new SourceRef(APP + "/", "dev")))
        .containsExactly(new BranchId(SYSTEM, "dev"));
    assertThat(directory.pinners(new SourceRef(CONFIG, "prod")))
        .containsExactly(new BranchId(SYSTEM, "prod"));
    assertThat(directory.pinners(new SourceRef(APP, "main"))).isEmpty();
  }

  @Test
  void aShopSetThatMovesOrGoesNoLongerPinsWhereItWas() {
    PinDirectory directory = new PinDirectory();
    directory.learn(
        Fixtures.desired("a", "eu", Fixtures.tier("dev", 0, "dev", null, APP, SYSTEM), CONFIG));
    directory.learn(
        Fixtures.desired("a", "us", Fixtures.tier("dev", 0, "dev", null, APP, SYSTEM), CONFIG));
    directory.learn(
        Fixtures.desired("a", "eu", Fixtures.tier("prod", 1, "prod", null, APP, SYSTEM), CONFIG));
    assertThat(directory.pinners(new SourceRef(APP, "dev")))
        .as("a/us still pins dev")
        .containsExactly(new BranchId(SYSTEM, "dev"));
    directory.forget("a", "us");
    assertThat(directory.pinners(new SourceRef(APP, "dev"))).isEmpty();
    assertThat(directory.pinners(new SourceRef(APP, "prod")))
        .containsExactly(new BranchId(SYSTEM, "prod"));
  }

  @Test
  void nothingIsRoutedBeforeTheDesiredStateIsRead() throws Exception {
    PinDirectory directory = new PinDirectory();
    assertThat(directory.awaitLoaded(Duration.ofMillis(10))).isFalse();
    directory.markLoaded();
    assertThat(directory.awaitLoaded(Duration.ofMillis(10))).isTrue();
  }

  @Test
  void aBranchIsFrozenAsTheLatestDesiredStateOfItsTierSays() {
    PinDirectory directory = new PinDirectory();
    BranchId prod = new BranchId(SYSTEM, "prod");
    var thawed = Fixtures.tier("prod", 1, "prod", null, APP, SYSTEM);
    var frozen =
        new dev.shopset.contracts.events.ShopSetDesired.TierState(
            thawed.name(),
            thawed.rank(),
            thawed.branch(),
            thawed.appRepository(),
            thawed.systemRepository(),
            thawed.promotesTo(),
            thawed.clusters(),
            true);
    assertThat(directory.frozen(prod)).isFalse();
    directory.learn(Fixtures.desired("a", "eu", frozen, CONFIG));
    assertThat(directory.frozen(prod)).isTrue();
    assertThat(directory.frozen(new BranchId(SYSTEM, "dev"))).isFalse();
    assertThat(directory.pinners(new SourceRef(APP, "prod"))).as("still pins").contains(prod);
    directory.learn(Fixtures.desired("a", "eu", thawed, CONFIG));
    assertThat(directory.frozen(prod)).isFalse();
  }
}
