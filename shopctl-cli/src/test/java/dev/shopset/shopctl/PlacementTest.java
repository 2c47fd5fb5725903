package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementTest {

  static ShopSet set(String name, Integer max, int shops) {
    ShopSet s = new ShopSet();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
    s.setSpec(
        new ShopSetSpec(
            "dev",
            "c",
            IntStream.range(0, shops).mapToObj(i -> name + "-shop-" + i).toList(),
            null,
            null,
            null,
            null,
            null,
            null,
            max));
    return s;
  }

  static String chosen(Placement.Choice c) {
    return switch (c) {
      case Placement.Choice.Existing e -> e.shopSet().getMetadata().getName();
      case Placement.Choice.New n ->
          "new " + n.name() + " from " + n.template().getMetadata().getName();
    };
  }

  @Test
  void theSetWithTheFewestShopsBelowItsMaximumWins() {
    var sets = List.of(set("a", 3, 2), set("b", 5, 1), set("c", 1, 0), set("d", 2, 2));
    assertThat(chosen(Placement.choose(sets, Set.of("a", "b", "c", "d")))).isEqualTo("c");
  }

  @Test
  void tiesGoToTheFirstByNameWhateverTheOrderGiven() {
    var one = List.of(set("b", 3, 1), set("a", 3, 1));
    var other = List.of(set("a", 3, 1), set("b", 3, 1));
    assertThat(chosen(Placement.choose(one, Set.of()))).isEqualTo("a");
    assertThat(chosen(Placement.choose(other, Set.of()))).isEqualTo("a");
  }

  @Test
  void withoutMaxShopsASetHasRoomUpToTheLimitEverySetHas() {
    var sets = List.of(set("full", 2, 2), set("open", null, 999));
    assertThat(chosen(Placement.choose(sets, Set.of()))).isEqualTo("open");
    assertThat(chosen(Placement.choose(List.of(set("open", null, 1000)), Set.of("open"))))
        .isEqualTo("new open-2 from open");
  }

  @Test
  void whenAllAreFullANewSetIsCopiedFromTheFullestAndNumbered() {
    var sets = List.of(set("eu-small", 3, 3), set("eu-small-2", 4, 4), set("eu-tiny", 1, 1));
    assertThat(chosen(Placement.choose(sets, Set.of("eu-small", "eu-small-2", "eu-tiny"))))
        .isEqualTo("new eu-small-3 from eu-small-2");
  }

  @Test
  void numbersSkipNamesTakenInTheNamespace() {
    assertThat(Placement.nextName("eu", Set.of("eu", "eu-2", "eu-3"))).isEqualTo("eu-4");
    assertThat(Placement.nextName("eu-7", Set.of("eu-7"))).isEqualTo("eu-2");
    assertThat(Placement.nextName("v1", Set.of())).isEqualTo("v1-2");
  }
}
