package dev.shopset.watcher.domain;

import static dev.shopset.watcher.Fixtures.configuration;
import static dev.shopset.watcher.Fixtures.shopSet;
import static dev.shopset.watcher.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.watcher.domain.DesiredStateJoin.Invalid;
import dev.shopset.watcher.domain.DesiredStateJoin.Valid;
import org.junit.jupiter.api.Test;

class DesiredStateJoinTest {

  @Test
  void joinsShopSetTierAndConfigurationWithBranchDefaultedToTierName() {
    var result =
        DesiredStateJoin.join(
            shopSet("shop-a", "eu-1", "gold", "std", "s1", "s2"),
            tier("gold", "https://git.example/system.git", "platinum"),
            configuration("shop-a", "std"));

    assertThat(result).isInstanceOf(Valid.class);
    var desired = ((Valid) result).desired();
    assertThat(desired.key()).isEqualTo("shop-a/eu-1");
    assertThat(desired.generation()).isEqualTo(1);
    assertThat(desired.spec().shops()).containsExactly("s1", "s2");
    assertThat(desired.tier().name()).isEqualTo("gold");
    assertThat(desired.tier().branch()).isEqualTo("gold");
    assertThat(desired.tier().systemRepository().url()).isEqualTo("https://git.example/system.git");
    assertThat(desired.tier().promotesTo()).isEqualTo("platinum");
    assertThat(desired.configuration().name()).isEqualTo("std");
    assertThat(desired.configuration().repository().path()).isEqualTo("components/std");
    assertThat(desired.annotations())
        .as("only shopset.dev/* annotations are carried")
        .containsExactly(java.util.Map.entry("shopset.dev/slack-channel", "#shops"));
  }

  @Test
  void explicitTierBranchWins() {
    Tier tier = tier("gold", "https://git.example/system.git", null);
    var spec = tier.getSpec();
    tier.setSpec(
        new TierSpec(
            3, "release/gold", spec.appRepository(), spec.systemRepository(), spec.promotesTo()));

    var result =
        DesiredStateJoin.join(
            shopSet("ns", "a", "gold", "std", "s"), tier, configuration("ns", "std"));

    assertThat(((Valid) result).desired().tier().branch()).isEqualTo("release/gold");
    assertThat(((Valid) result).desired().tier().rank()).isEqualTo(3);
  }

  @Test
  void missingTierIsTierNotFoundWithAMessageNamingIt() {
    var result =
        DesiredStateJoin.join(
            shopSet("ns", "a", "gold", "std", "s"), null, configuration("ns", "std"));

    assertThat(result).isInstanceOf(Invalid.class);
    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.TIER_NOT_FOUND);
    assertThat(((Invalid) result).message()).contains("Tier 'gold' does not exist");
  }

  @Test
  void missingConfigurationIsConfigurationNotFound() {
    var result =
        DesiredStateJoin.join(
            shopSet("ns", "a", "gold", "std", "s"), tier("gold", "https://s.git", null), null);

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.CONFIGURATION_NOT_FOUND);
    assertThat(((Invalid) result).message())
        .contains("Configuration 'std'")
        .contains("namespace 'ns'");
  }

  @Test
  void tierWithoutSystemRepositoryIsNoSystemRepository() {
    var result =
        DesiredStateJoin.join(
            shopSet("ns", "a", "gold", "std", "s"),
            tier("gold", null, null),
            configuration("ns", "std"));

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.NO_SYSTEM_REPOSITORY);
    assertThat(((Invalid) result).message()).contains("no spec.systemRepository");
  }
}
