package dev.shopset.watcher.domain;

import static dev.shopset.watcher.Fixtures.configuration;
import static dev.shopset.watcher.Fixtures.shopSet;
import static dev.shopset.watcher.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopSetReconcilerTest {

  private final Map<String, Tier> tiers = new HashMap<>();
  private final Map<String, Configuration> configurations = new HashMap<>();
  private final ShopSetReconciler.Lookup lookup =
      new ShopSetReconciler.Lookup() {
        @Override
        public Tier tier(String name) {
          return tiers.get(name);
        }

        @Override
        public Configuration configuration(String namespace, String name) {
          return configurations.get(namespace + "/" + name);
        }
      };
  private final ShopSetReconciler reconciler =
      new ShopSetReconciler(e -> EventCodec.contentId(EventType.of(e), e));

  private ShopSetReconciler.Plan reconcile(ShopSet shopSet) {
    var plan = reconciler.plan("ns/a", shopSet, null, lookup);
    reconciler.applied(plan);
    return plan;
  }

  @Test
  void emitsOnceThenNothingWhileTheStateIsTheSame() {
    tiers.put("gold", tier("gold", "https://s.git", null));
    configurations.put("ns/std", configuration("ns", "std"));
    ShopSet shopSet = shopSet("ns", "a", "gold", "std", "s1");

    var first = reconcile(shopSet);
    shopSet.getMetadata().setLabels(Map.of("team", "x"));
    var second = reconcile(shopSet);

    assertThat(first.outputs())
        .singleElement()
        .satisfies(o -> assertThat(o.event()).isInstanceOf(ShopSetDesired.class));
    assertThat(first.valid().status()).isEqualTo(Condition.TRUE);
    assertThat(second.outputs()).as("a label is not part of the desired state").isEmpty();
  }

  @Test
  void invalidEmitsNothingAndSaysWhyThenEmitsWhenTheTierAppears() {
    configurations.put("ns/std", configuration("ns", "std"));
    ShopSet shopSet = shopSet("ns", "a", "gold", "std", "s1");

    var invalid = reconcile(shopSet);
    tiers.put("gold", tier("gold", "https://s.git", null));
    var valid = reconcile(shopSet);

    assertThat(invalid.outputs()).isEmpty();
    assertThat(invalid.valid().status()).isEqualTo(Condition.FALSE);
    assertThat(invalid.valid().reason()).isEqualTo(Conditions.TIER_NOT_FOUND);
    assertThat(valid.outputs()).hasSize(1);
  }

  @Test
  void deletionEmitsDeletedWithLastPlaceThenTombstone() {
    tiers.put("gold", tier("gold", "https://s.git", null));
    configurations.put("ns/std", configuration("ns", "std"));
    reconcile(shopSet("ns", "a", "gold", "std", "s1"));
    tiers.clear();

    var deletion = reconcile(null);

    assertThat(deletion.outputs()).hasSize(2);
    assertThat(deletion.outputs().get(0).event())
        .isEqualTo(new ShopSetDeleted("ns", "a", "https://s.git", "gold"));
    assertThat(deletion.outputs().get(1).tombstone()).isTrue();
    assertThat(deletion.outputs().get(1).key()).isEqualTo("ns/a");
    assertThat(reconcile(null).outputs()).as("deleted once").isEmpty();
  }

  @Test
  void movingToAnotherTierBranchDeletesTheOldPlaceFirst() {
    tiers.put("gold", tier("gold", "https://s.git", null));
    tiers.put("silver", tier("silver", "https://s.git", null));
    configurations.put("ns/std", configuration("ns", "std"));
    reconcile(shopSet("ns", "a", "gold", "std", "s1"));

    var moved = reconcile(shopSet("ns", "a", "silver", "std", "s1"));

    assertThat(moved.outputs()).hasSize(2);
    assertThat(moved.outputs().get(0).event())
        .isEqualTo(new ShopSetDeleted("ns", "a", "https://s.git", "gold"));
    assertThat(((ShopSetDesired) moved.outputs().get(1).event()).tier().branch())
        .isEqualTo("silver");
  }

  @Test
  void aFreshReconcilerGivesTheSameIdForTheSameState() {
    tiers.put("gold", tier("gold", "https://s.git", null));
    configurations.put("ns/std", configuration("ns", "std"));
    var before = reconcile(shopSet("ns", "a", "gold", "std", "s1"));

    var restarted = new ShopSetReconciler(e -> EventCodec.contentId(EventType.of(e), e));
    var after = restarted.plan("ns/a", shopSet("ns", "a", "gold", "std", "s1"), null, lookup);

    assertThat(after.outputs()).hasSize(1);
    assertThat(after.next().id()).isEqualTo(before.next().id());
  }
}
