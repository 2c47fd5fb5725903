package dev.shopset.watcher.domain;

import static dev.shopset.contracts.testing.Fixtures.configuration;
import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.ShopSetStatus.Placement;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.contracts.testing.Fixtures;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopSetReconcilerTest {

  private static final String SYSTEM = Fixtures.PREFIX + "system.git";

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

        @Override
        public Tenancy tenancy(String namespace) {
          return Fixtures.tenancy(namespace);
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
    tiers.put("gold", tier("gold", SYSTEM, null));
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
    tiers.put("gold", tier("gold", SYSTEM, null));
    var valid = reconcile(shopSet);

    assertThat(invalid.outputs()).isEmpty();
    assertThat(invalid.valid().status()).isEqualTo(Condition.FALSE);
    assertThat(invalid.valid().reason()).isEqualTo(Conditions.TIER_NOT_FOUND);
    assertThat(valid.outputs()).hasSize(1);
  }

  @Test
  void deletionEmitsDeletedWithLastPlaceThenTombstone() {
    tiers.put("gold", tier("gold", SYSTEM, null));
    configurations.put("ns/std", configuration("ns", "std"));
    reconcile(shopSet("ns", "a", "gold", "std", "s1"));
    tiers.clear();

    var deletion = reconcile(null);

    assertThat(deletion.outputs()).hasSize(2);
    assertThat(deletion.outputs().get(0).event())
        .isEqualTo(new ShopSetDeleted("ns", "a", SYSTEM, "gold"));
    assertThat(deletion.outputs().get(1).tombstone()).isTrue();
    assertThat(deletion.outputs().get(1).key()).isEqualTo("ns/a");
    assertThat(reconcile(null).outputs()).as("deleted once").isEmpty();
  }

  @Test
  void movingToAnotherTierParksTheOldPlaceFirstAndRecordsIt() {
    tiers.put("gold", tier("gold", SYSTEM, null));
    tiers.put("silver", tier("silver", SYSTEM, null));
    configurations.put("ns/std", configuration("ns", "std"));
    reconcile(shopSet("ns", "a", "gold", "std", "s1"));

    var moved = reconcile(shopSet("ns", "a", "silver", "std", "s1"));

    assertThat(moved.outputs()).hasSize(2);
    assertThat(moved.outputs().get(0).event())
        .as("the old place is parked, never deleted: no cascading delete of running workloads")
        .isEqualTo(new ShopSetMoved("ns", "a", 1, "gold", SYSTEM, "gold", "silver"));
    assertThat(((ShopSetDesired) moved.outputs().get(1).event()).tier().branch())
        .isEqualTo("silver");
    assertThat(moved.parked()).containsExactly(new Placement("gold", SYSTEM, "gold"));
  }

  @Test
  void deletingAMovedShopSetRemovesItsCurrentAndParkedPlaces() {
    tiers.put("silver", tier("silver", SYSTEM, null));
    configurations.put("ns/std", configuration("ns", "std"));
    ShopSet shopSet = shopSet("ns", "a", "silver", "std", "s1");
    shopSet.setStatus(
        new ShopSetStatus(1L, List.of(), null, List.of(new Placement("gold", SYSTEM, "gold"))));
    reconcile(shopSet);

    var deletion = reconciler.plan("ns/a", null, shopSet, lookup);

    assertThat(deletion.outputs())
        .extracting(ShopSetReconciler.Output::event)
        .containsExactly(
            new ShopSetDeleted("ns", "a", SYSTEM, "silver"),
            new ShopSetDeleted("ns", "a", SYSTEM, "gold"),
            null);
  }

  @Test
  void movingBackToAParkedPlaceUnparksIt() {
    tiers.put("gold", tier("gold", SYSTEM, null));
    tiers.put("silver", tier("silver", SYSTEM, null));
    configurations.put("ns/std", configuration("ns", "std"));
    reconcile(shopSet("ns", "a", "gold", "std", "s1"));
    var toSilver = reconcile(shopSet("ns", "a", "silver", "std", "s1"));
    ShopSet back = shopSet("ns", "a", "gold", "std", "s1");
    back.setStatus(new ShopSetStatus(1L, List.of(), null, toSilver.parked()));

    var plan = reconcile(back);

    assertThat(plan.outputs().get(0).event())
        .isEqualTo(new ShopSetMoved("ns", "a", 1, "silver", SYSTEM, "silver", "gold"));
    assertThat(plan.parked())
        .as("gold is active again; silver is parked now")
        .containsExactly(new Placement("silver", SYSTEM, "silver"));
  }

  @Test
  void aShopSetThatMovedWhileNoWatcherRanIsParkedFromTheAdoptedPlacement() {
    tiers.put("silver", tier("silver", SYSTEM, null));
    configurations.put("ns/std", configuration("ns", "std"));
    reconciler.adopt("ns/a", new ShopSetReconciler.Emitted("old-id", "gold", SYSTEM, "gold"));

    var plan = reconcile(shopSet("ns", "a", "silver", "std", "s1"));

    assertThat(plan.outputs().get(0).event())
        .isEqualTo(new ShopSetMoved("ns", "a", 1, "gold", SYSTEM, "gold", "silver"));
  }

  @Test
  void aNamespaceTheTierDoesNotSelectIsInvalidAndEmitsNothing() {
    tiers.put(
        "gold",
        tier(
            "gold",
            new TierSpec(
                0,
                null,
                new RepositoryRef(Fixtures.PREFIX + "app.git", null),
                new RepositoryRef(SYSTEM, null),
                null,
                new LabelSelector(null, Map.of("kubernetes.io/metadata.name", "other")),
                null,
                null)));
    configurations.put("ns/std", configuration("ns", "std"));

    var plan = reconcile(shopSet("ns", "a", "gold", "std", "s1"));

    assertThat(plan.outputs()).isEmpty();
    assertThat(plan.valid().reason()).isEqualTo(Conditions.NAMESPACE_NOT_ALLOWED);
  }

  @Test
  void aFreshReconcilerGivesTheSameIdForTheSameState() {
    tiers.put("gold", tier("gold", SYSTEM, null));
    configurations.put("ns/std", configuration("ns", "std"));
    var before = reconcile(shopSet("ns", "a", "gold", "std", "s1"));

    var restarted = new ShopSetReconciler(e -> EventCodec.contentId(EventType.of(e), e));
    var after = restarted.plan("ns/a", shopSet("ns", "a", "gold", "std", "s1"), null, lookup);

    assertThat(after.outputs()).hasSize(1);
    assertThat(after.next().id()).isEqualTo(before.next().id());
  }
}
