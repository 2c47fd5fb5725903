package dev.shopset.watcher.domain;

import static dev.shopset.contracts.testing.Fixtures.configuration;
import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static dev.shopset.contracts.testing.Fixtures.tenancy;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.testing.Fixtures;
import dev.shopset.watcher.domain.Orphans.Placement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphansTest {

  private static ShopSetDesired desired(String namespace, String name, String system) {
    var result =
        DesiredStateJoin.join(
            shopSet(namespace, name, "gold", "std", "s"),
            tier("gold", system, null),
            configuration(namespace, "std"),
            tenancy(namespace));
    return ((DesiredStateJoin.Valid) result).desired();
  }

  @Test
  void theLastRecordOfAKeyDecides() {
    Map<String, Placement> published = new HashMap<>();
    Orphans.fold(published, "a/x", "1", desired("a", "x", Fixtures.PREFIX + "old.git"));
    Orphans.fold(published, "a/x", "2", desired("a", "x", Fixtures.PREFIX + "new.git"));
    Orphans.fold(published, "a/y", "3", desired("a", "y", Fixtures.PREFIX + "new.git"));
    Orphans.fold(
        published, "a/y", "4", new ShopSetDeleted("a", "y", Fixtures.PREFIX + "new.git", "gold"));
    Orphans.fold(published, "a/z", "5", desired("a", "z", Fixtures.PREFIX + "new.git"));
    Orphans.fold(published, "a/z", null, null);

    assertThat(published).containsOnlyKeys("a/x");
    assertThat(published.get("a/x"))
        .isEqualTo(new Placement("2", "gold", Fixtures.PREFIX + "new.git", "gold"));
  }

  @Test
  void orphansArePublishedShopSetsThatNoLongerExistInWatchedNamespaces() {
    Map<String, Placement> published =
        Map.of(
            "a/alive", new Placement("1", "gold", "s", "gold"),
            "a/gone", new Placement("2", "gold", "s", "gold"),
            "other/gone", new Placement("3", "gold", "s", "gold"));

    var orphans = Orphans.of(published, Set.of("a/alive")::contains, "a"::equals);

    assertThat(orphans).containsOnlyKeys("a/gone");
  }
}
