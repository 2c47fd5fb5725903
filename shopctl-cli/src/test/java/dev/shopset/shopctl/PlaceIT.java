package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.ShopSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code shopctl shops place}: the convention, applied to a real API's ShopSets. */
class PlaceIT {

  static ApiFixture api;

  @BeforeAll
  static void seed() throws Exception {
    api = new ApiFixture();
    api.tier("dev", 0, "prod", false);
    api.tier("prod", 1, null, false);
  }

  @BeforeEach
  void shopSets() {
    api.client.resources(ShopSet.class).inNamespace("shops-eu").delete();
    api.shopSet("shops-eu", "eu-a", "dev", 3, Map.of("region", "eu"), "berlin", "hamburg");
    api.shopSet("shops-eu", "eu-b", "dev", 3, Map.of("region", "eu"), "munich");
    api.shopSet("shops-eu", "eu-c", "dev", 3, Map.of("region", "eu"), "zurich");
    api.shopSet("shops-eu", "ch-1", "dev", 2, Map.of("region", "ch"), "bern", "basel");
    api.shopSet("shops-eu", "eu-prod", "prod", 3, Map.of("region", "eu"), "paris");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static java.util.List<String> shops(String name) {
    return api.get("shops-eu", name).getSpec().shops();
  }

  @Test
  void theEmptiestSetWithRoomGetsTheShopTiesByName() {
    ApiFixture.Result r = api.run("shops", "place", "vienna", "--tier", "dev", "-n", "shops-eu");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            Placing vienna in shops-eu/eu-b: 1 of 3 shops, the fewest of those with room.
            ShopSet shops-eu/eu-b: spec.shops: [munich] -> [munich, vienna]
            Applied (field manager shopctl): generation 2; `shopctl status eu-b -n shops-eu` shows it through the pipeline.
            """);
    assertThat(shops("eu-b")).containsExactly("munich", "vienna");
    // the next one goes to eu-c (now the emptiest), then the tie of three is broken by name
    api.run("shops", "place", "graz", "--tier", "dev", "-n", "shops-eu", "-l", "region=eu");
    assertThat(shops("eu-c")).containsExactly("zurich", "graz");
    api.run("shops", "place", "linz", "--tier", "dev", "-n", "shops-eu", "-l", "region=eu");
    assertThat(shops("eu-a")).containsExactly("berlin", "hamburg", "linz");
  }

  @Test
  void whenEverySetIsFullANumberedCopyOfTheFullestIsCreated() {
    ApiFixture.Result r =
        api.run("shops", "place", "lausanne", "--tier", "dev", "-n", "shops-eu", "-l", "region=ch");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            Every ShopSet of shops-eu on tier dev is full; creating shops-eu/ch-2 with lausanne, copied from ch-1 (2 of 2 shops).
            Created ShopSet shops-eu/ch-2 (generation 1).
            """);
    ShopSet created = api.get("shops-eu", "ch-2");
    assertThat(created.getSpec().shops()).containsExactly("lausanne");
    assertThat(created.getSpec().tier()).isEqualTo("dev");
    assertThat(created.getSpec().configuration()).isEqualTo("shop-defaults");
    assertThat(created.getSpec().maxShops()).isEqualTo(2);
    assertThat(created.getMetadata().getLabels()).containsEntry("region", "ch");
    // the copy has room now: the next shop goes there, not into a third set
    api.run("shops", "place", "geneva", "--tier", "dev", "-n", "shops-eu", "-l", "region=ch");
    assertThat(shops("ch-2")).containsExactly("lausanne", "geneva");
  }

  @Test
  void theSameStateGivesTheSameChoiceAsJson() {
    ApiFixture.Result first =
        api.run(
            "shops",
            "place",
            "vienna",
            "--tier",
            "dev",
            "-n",
            "shops-eu",
            "--dry-run",
            "-o",
            "json");
    ApiFixture.Result second =
        api.run(
            "shops",
            "place",
            "vienna",
            "--tier",
            "dev",
            "-n",
            "shops-eu",
            "--dry-run",
            "-o",
            "json");
    assertThat(first.out()).isEqualTo(second.out());
    assertThat(first.out())
        .isEqualTo(
            """
            {
              "shop" : "vienna",
              "namespace" : "shops-eu",
              "shopSet" : "eu-b",
              "created" : false,
              "shops" : 2,
              "maxShops" : 3,
              "applied" : false
            }
            """);
    assertThat(shops("eu-b")).containsExactly("munich");
  }

  @Test
  void aShopAlreadyPlacedOrAnAmbiguousTierIsRefused() {
    ApiFixture.Result r = api.run("shops", "place", "zurich", "--tier", "dev", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.err()).isEqualTo("shopctl: Shop zurich is already in ShopSet eu-c of shops-eu.\n");
    r = api.run("shops", "place", "oslo", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: The ShopSets of shops-eu are on tiers dev, prod: name one with --tier.\n");
    r = api.run("shops", "place", "oslo", "--tier", "staging", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
  }
}
