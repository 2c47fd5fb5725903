package dev.shopset.contracts.join;

import static dev.shopset.contracts.testing.Fixtures.configuration;
import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static dev.shopset.contracts.testing.Fixtures.tenancy;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.join.DesiredStateJoin.Invalid;
import dev.shopset.contracts.join.DesiredStateJoin.Result;
import dev.shopset.contracts.join.DesiredStateJoin.Valid;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.contracts.testing.Fixtures;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStateJoinTest {

  private static final String SYSTEM = Fixtures.PREFIX + "system.git";

  @Test
  void joinsShopSetTierAndConfigurationWithBranchDefaultedToTierName() {
    var result =
        join(
            shopSet("shop-a", "eu-1", "gold", "std", "s1", "s2"),
            tier("gold", SYSTEM, "platinum"),
            "std");

    assertThat(result).isInstanceOf(Valid.class);
    var desired = ((Valid) result).desired();
    assertThat(desired.key()).isEqualTo("shop-a/eu-1");
    assertThat(desired.generation()).isEqualTo(1);
    assertThat(desired.spec().shops()).containsExactly("s1", "s2");
    assertThat(desired.spec().replicas()).isEqualTo(2);
    assertThat(desired.tier().name()).isEqualTo("gold");
    assertThat(desired.tier().branch()).isEqualTo("gold");
    assertThat(desired.tier().systemRepository().url()).isEqualTo(SYSTEM);
    assertThat(desired.tier().promotesTo()).isEqualTo("platinum");
    assertThat(desired.configuration().name()).isEqualTo("std");
    assertThat(desired.configuration().repository().path()).isEqualTo("components/std");
    assertThat(desired.annotations())
        .as("only shopset.dev/* annotations are carried")
        .containsExactly(Map.entry("shopset.dev/slack-channel", "#shops"));
  }

  @Test
  void explicitTierBranchRankClustersAndFreezeAreCarried() {
    Tier tier =
        tier(
            "gold",
            new TierSpec(
                3,
                "release/gold",
                new RepositoryRef(Fixtures.PREFIX + "app.git", null),
                new RepositoryRef(SYSTEM, null),
                null,
                Fixtures.everyNamespace(),
                List.of("eu-cluster"),
                true));

    var desired = ((Valid) join(shopSet("ns", "a", "gold", "std", "s"), tier, "std")).desired();

    assertThat(desired.tier().branch()).isEqualTo("release/gold");
    assertThat(desired.tier().rank()).isEqualTo(3);
    assertThat(desired.tier().clusters()).containsExactly("eu-cluster");
    assertThat(desired.tier().frozen()).isTrue();
  }

  @Test
  void missingTierIsTierNotFoundWithAMessageNamingIt() {
    var result = join(shopSet("ns", "a", "gold", "std", "s"), null, "std");

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.TIER_NOT_FOUND);
    assertThat(((Invalid) result).message()).contains("Tier 'gold' does not exist");
  }

  @Test
  void missingConfigurationIsConfigurationNotFound() {
    var result =
        DesiredStateJoin.join(
            shopSet("ns", "a", "gold", "std", "s"),
            tier("gold", SYSTEM, null),
            null,
            tenancy("ns"));

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.CONFIGURATION_NOT_FOUND);
    assertThat(((Invalid) result).message()).contains("Configuration 'std'", "namespace 'ns'");
  }

  @Test
  void tierWithoutSystemRepositoryIsNoSystemRepository() {
    var result = join(shopSet("ns", "a", "gold", "std", "s"), tier("gold", null, null), "std");

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.NO_SYSTEM_REPOSITORY);
    assertThat(((Invalid) result).message()).contains("no spec.systemRepository");
  }

  @Test
  void aTierWithoutNamespaceSelectorAllowsNoNamespace() {
    Tier tier = withSelector(null);

    var result = join(shopSet("team-a", "a", "gold", "std", "s"), tier, "std");

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.NAMESPACE_NOT_ALLOWED);
    assertThat(((Invalid) result).message())
        .contains("spec.tier", "Tier 'gold'", "namespace 'team-a'", "no spec.namespaceSelector");
  }

  @Test
  void theNamespaceSelectorDecidesByTheNamespacesLabelsIncludingItsName() {
    Tier byName =
        withSelector(
            new LabelSelector(
                List.of(
                    new LabelSelectorRequirement(
                        "kubernetes.io/metadata.name", "In", List.of("team-a", "team-b"))),
                null));
    Tier byLabel = withSelector(new LabelSelector(null, Map.of("shopset.dev/prod", "true")));

    assertThat(join(shopSet("team-a", "a", "gold", "std", "s"), byName, "std"))
        .isInstanceOf(Valid.class);
    assertThat(join(shopSet("team-c", "a", "gold", "std", "s"), byName, "std"))
        .isInstanceOfSatisfying(
            Invalid.class, i -> assertThat(i.reason()).isEqualTo(Conditions.NAMESPACE_NOT_ALLOWED));
    Tenancy labelled =
        Tenancy.of(
            "team-c",
            Map.of("shopset.dev/prod", "true"),
            RepositoryPolicy.allowing(List.of(Fixtures.PREFIX)));
    assertThat(
            DesiredStateJoin.join(
                shopSet("team-c", "a", "gold", "std", "s"),
                byLabel,
                configuration("team-c", "std"),
                labelled))
        .isInstanceOf(Valid.class);
    assertThat(join(shopSet("team-c", "a", "gold", "std", "s"), byLabel, "std"))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void aClusterTheTierDoesNotListIsClusterNotAllowed() {
    ShopSetSpec spec =
        new ShopSetSpec(
            "gold",
            "std",
            List.of("s"),
            null,
            null,
            null,
            null,
            new ShopSetSpec.FailureDomain(null, "us-cluster"),
            null,
            null);

    var result = join(shopSet("ns", "a", spec), tier("gold", SYSTEM, null), "std");

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.CLUSTER_NOT_ALLOWED);
    assertThat(((Invalid) result).message())
        .contains("spec.failureDomain.cluster", "us-cluster", "Tier 'gold'");
  }

  @Test
  void aConfigurationOutsideTheAllowedPrefixesIsRepositoryNotAllowedNamingTheField() {
    var result =
        DesiredStateJoin.join(
            shopSet("ns", "a", "gold", "std", "s"),
            tier("gold", SYSTEM, null),
            configuration("ns", "std", "https://evil.example/x.git"),
            tenancy("ns"));

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.REPOSITORY_NOT_ALLOWED);
    assertThat(((Invalid) result).message())
        .contains("Configuration 'std' spec.repository.url", "https://evil.example/x.git");
  }

  @Test
  void aFileUrlOnTheTierIsRepositoryNotAllowedWhateverThePrefixes() {
    Tier tier =
        tier(
            "gold",
            new TierSpec(
                0,
                null,
                new RepositoryRef("file:///srv/git/app.git", null),
                new RepositoryRef(SYSTEM, null),
                null,
                Fixtures.everyNamespace(),
                null,
                null));

    var result = join(shopSet("ns", "a", "gold", "std", "s"), tier, "std");

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.REPOSITORY_NOT_ALLOWED);
    assertThat(((Invalid) result).message()).contains("spec.appRepository.url", "file://");
  }

  @Test
  void moreShopsThanMaxShopsIsTooManyShops() {
    ShopSetSpec spec =
        new ShopSetSpec(
            "gold", "std", List.of("s1", "s2", "s3"), null, null, null, null, null, null, 2);

    var result = join(shopSet("ns", "a", spec), tier("gold", SYSTEM, null), "std");

    assertThat(((Invalid) result).reason()).isEqualTo(Conditions.TOO_MANY_SHOPS);
    assertThat(((Invalid) result).message()).contains("spec.shops", "spec.maxShops 2");
  }

  private static Tier withSelector(LabelSelector selector) {
    return tier(
        "gold",
        new TierSpec(
            0,
            null,
            new RepositoryRef(Fixtures.PREFIX + "app.git", null),
            new RepositoryRef(SYSTEM, null),
            null,
            selector,
            null,
            null));
  }

  private static Result join(
      dev.shopset.contracts.resources.ShopSet shopSet, Tier tier, String configuration) {
    String namespace = shopSet.getMetadata().getNamespace();
    return DesiredStateJoin.join(
        shopSet, tier, configuration(namespace, configuration), tenancy(namespace));
  }
}
