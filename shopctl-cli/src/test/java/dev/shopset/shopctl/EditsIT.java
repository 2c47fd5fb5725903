package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * freeze/unfreeze, shops add/remove, maintenance, suspend/resume: what they print, what the API
 * holds afterwards, and that server-side apply as {@code shopctl} leaves other fields alone.
 */
class EditsIT {

  static ApiFixture api;

  @BeforeAll
  static void seed() throws Exception {
    api = new ApiFixture();
    api.tier("dev", 0, "prod", false);
    api.tier("prod", 1, null, false);
  }

  @BeforeEach
  void freshShopSets() {
    api.client.resources(ShopSet.class).inNamespace("shops-eu").delete();
    api.shopSet("shops-eu", "eu-small", "dev", 4, "berlin", "hamburg", "vienna");
    api.shopSet("shops-eu", "eu-blue", "dev", null, "munich");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Tier tier(String name) {
    return api.client.resources(Tier.class).withName(name).get();
  }

  @Test
  void freezeSetsSpecFrozenAsFieldManagerShopctlAndUnfreezeClearsIt() {
    ApiFixture.Result r = api.run("freeze", "prod");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            Tier prod: spec.frozen: false -> true
            Applied: tier prod is frozen. No pin bumps and no Promotions reach it (a rollback still does); ShopSet changes are still committed. `shopctl unfreeze prod` ends it.
            """);
    Tier prod = tier("prod");
    assertThat(prod.getSpec().isFrozen()).isTrue();
    assertThat(prod.getSpec().rank()).isEqualTo(1);
    assertThat(prod.getSpec().appRepository().url()).isEqualTo(ApiFixture.APP);
    assertThat(prod.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager)
        .contains("shopctl");

    assertThat(api.run("freeze", "prod").out())
        .isEqualTo("Tier prod: spec.frozen is already true; nothing to change.\n");

    r = api.run("unfreeze", "prod");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            Tier prod: spec.frozen: true -> false
            Applied: tier prod is unfrozen. Its pins catch up with their branches at the next poll or push.
            """);
    assertThat(tier("prod").getSpec().isFrozen()).isFalse();
  }

  @Test
  void freezeAsJsonSaysWhatChanged() {
    try {
      ApiFixture.Result r = api.run("freeze", "dev", "-o", "json");
      assertThat(r.out())
          .contains("\"kind\" : \"Tier\"", "\"field\" : \"frozen\"", "\"before\" : false")
          .contains("\"after\" : true", "\"applied\" : true");
    } finally {
      api.run("unfreeze", "dev");
    }
  }

  @Test
  void shopsAddAppendsAndKeepsEveryOtherField() {
    ApiFixture.Result r = api.run("shops", "add", "eu-small", "graz", "-n", "shops-eu");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            ShopSet shops-eu/eu-small: spec.shops: [berlin, hamburg, vienna] -> [berlin, hamburg, vienna, graz]
            Applied (field manager shopctl): generation 2; `shopctl status eu-small -n shops-eu` shows it through the pipeline.
            """);
    ShopSet s = api.get("shops-eu", "eu-small");
    assertThat(s.getSpec().shops()).containsExactly("berlin", "hamburg", "vienna", "graz");
    assertThat(s.getSpec().tier()).isEqualTo("dev");
    assertThat(s.getSpec().maxShops()).isEqualTo(4);
  }

  @Test
  void shopsAddRefusesAShopOfAnotherShopSetAndGoingOverMaxShops() {
    ApiFixture.Result r = api.run("shops", "add", "eu-small", "munich", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: Shop munich is already in ShopSet eu-blue of shops-eu; not adding it.\n");
    r = api.run("shops", "add", "eu-small", "graz", "linz", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: ShopSet eu-small would hold 5 shops, more than its spec.maxShops (4);"
                + " `shopctl shops place SHOP -n shops-eu` chooses a ShopSet with room or makes"
                + " one.\n");
    r = api.run("shops", "add", "eu-small", "Not_A_Label", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.USAGE);
    assertThat(api.get("shops-eu", "eu-small").getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void shopsRemoveTakesShopsOutButNeverTheLastOne() {
    ApiFixture.Result r = api.run("shops", "remove", "eu-small", "hamburg", "-n", "shops-eu");
    assertThat(r.exit()).isZero();
    assertThat(api.get("shops-eu", "eu-small").getSpec().shops())
        .containsExactly("berlin", "vienna");
    r = api.run("shops", "remove", "eu-small", "hamburgg", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: Shop hamburgg not found in ShopSet shops-eu/eu-small (there are: berlin,"
                + " vienna)\n");
    r = api.run("shops", "remove", "eu-blue", "munich", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.err()).contains("would have no shop left");
  }

  @Test
  void aDryRunPrintsTheChangeAndAppliesNothing() {
    ApiFixture.Result r =
        api.run("shops", "add", "eu-small", "graz", "-n", "shops-eu", "--dry-run");
    assertThat(r.out())
        .isEqualTo(
            """
            ShopSet shops-eu/eu-small: spec.shops: [berlin, hamburg, vienna] -> [berlin, hamburg, vienna, graz]
            Dry run: nothing applied.
            """);
    assertThat(api.get("shops-eu", "eu-small").getSpec().shops()).hasSize(3);
  }

  @Test
  void maintenanceAndSuspendSurviveEachOthersAppliesAndShopChanges() {
    assertThat(api.run("maintenance", "on", "eu-small", "-n", "shops-eu").out())
        .startsWith("ShopSet shops-eu/eu-small: spec.maintenance: false -> true\nApplied");
    assertThat(api.run("suspend", "eu-small", "-n", "shops-eu").exit()).isZero();
    assertThat(api.run("shops", "add", "eu-small", "graz", "-n", "shops-eu").exit()).isZero();
    ShopSet s = api.get("shops-eu", "eu-small");
    // each apply as shopctl carries the fields shopctl set before, so none removes another's
    assertThat(s.getSpec().maintenanceOn()).isTrue();
    assertThat(s.getSpec().suspended()).isTrue();
    assertThat(s.getSpec().shops()).containsExactly("berlin", "hamburg", "vienna", "graz");

    assertThat(api.run("resume", "eu-small", "-n", "shops-eu").exit()).isZero();
    assertThat(api.run("maintenance", "off", "eu-small", "-n", "shops-eu").exit()).isZero();
    s = api.get("shops-eu", "eu-small");
    assertThat(s.getSpec().maintenanceOn()).isFalse();
    assertThat(s.getSpec().suspended()).isFalse();
    assertThat(s.getSpec().shops()).hasSize(4);
    assertThat(api.run("maintenance", "off", "eu-small", "-n", "shops-eu").out())
        .isEqualTo(
            "ShopSet shops-eu/eu-small: spec.maintenance is already false; nothing to change.\n");
  }

  @Test
  void aMistypedShopSetIsNotFoundWithASuggestion() {
    ApiFixture.Result r = api.run("maintenance", "on", "eu-smal", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(r.err())
        .isEqualTo("shopctl: ShopSet eu-smal not found in shops-eu; did you mean eu-small?\n");
    assertThat(api.run("maintenance", "maybe", "eu-small", "-n", "shops-eu").exit())
        .isEqualTo(Exit.USAGE);
  }

  @Test
  void theApiRefusesAMaxShopsOutOfRange() {
    ShopSet s = api.get("shops-eu", "eu-blue");
    var spec = s.getSpec();
    s.setSpec(
        new dev.shopset.contracts.resources.ShopSetSpec(
            spec.tier(),
            spec.configuration(),
            spec.shops(),
            null,
            null,
            null,
            null,
            null,
            null,
            0));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.client.resource(s).update())
        .hasMessageContaining("maxShops");
  }
}
