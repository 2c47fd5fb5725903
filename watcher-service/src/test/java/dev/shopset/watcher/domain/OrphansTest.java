package dev.shopset.watcher.domain;

import static dev.shopset.watcher.Fixtures.configuration;
import static dev.shopset.watcher.Fixtures.shopSet;
import static dev.shopset.watcher.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
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
            configuration(namespace, "std"));
    return ((DesiredStateJoin.Valid) result).desired();
  }

  @Test
  void theLastRecordOfAKeyDecides() {
    Map<String, Placement> published = new HashMap<>();
    Orphans.fold(published, "a/x", "1", desired("a", "x", "https://old.git"));
    Orphans.fold(published, "a/x", "2", desired("a", "x", "https://new.git"));
    Orphans.fold(published, "a/y", "3", desired("a", "y", "https://new.git"));
    Orphans.fold(published, "a/y", "4", new ShopSetDeleted("a", "y", "https://new.git", "gold"));
    Orphans.fold(published, "a/z", "5", desired("a", "z", "https://new.git"));
    Orphans.fold(published, "a/z", null, null);

    assertThat(published).containsOnlyKeys("a/x");
    assertThat(published.get("a/x")).isEqualTo(new Placement("2", "https://new.git", "gold"));
  }

  @Test
  void orphansArePublishedShopSetsThatNoLongerExistInWatchedNamespaces() {
    Map<String, Placement> published =
        Map.of(
            "a/alive", new Placement("1", "s", "gold"),
            "a/gone", new Placement("2", "s", "gold"),
            "other/gone", new Placement("3", "s", "gold"));

    var orphans = Orphans.of(published, Set.of("a/alive")::contains, "a"::equals);

    assertThat(orphans).containsOnlyKeys("a/gone");
  }
}
