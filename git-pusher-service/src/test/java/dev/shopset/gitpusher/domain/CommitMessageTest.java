package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitMessageTest {

  @Test
  void trailersNameEveryShopSetWithItsGenerationAndParseBack() {
    String message =
        CommitMessage.of(
            "tier-a",
            List.of(
                Fixtures.render("s", "a", "c", "shop", "eu", 7, 1),
                Fixtures.render("s", "a", "c", "shop", "us", 2, 1),
                new RenderRemoval(
                    "shop", "old", "s", "tier-a", "shopsets/shop/old", "apps/shop/old.yaml")),
            List.of());
    assertThat(CommitMessage.subject(message)).isEqualTo("Render 3 ShopSets on tier-a");
    assertThat(message)
        .contains("\n\nShopSet: shop/eu@7\nShopSet: shop/us@2\nShopSet-Removed: shop/old\n");
    assertThat(CommitMessage.shopSets(message))
        .containsExactly(new ShopSetRef("shop", "eu", 7), new ShopSetRef("shop", "us", 2));
  }

  @Test
  void aPinBumpAloneIsItsOwnSubject() {
    String message =
        CommitMessage.of(
            "tier-a", List.of(), List.of(new PinChange("base", "1111111aaaa", "2222222bbbb")));
    assertThat(CommitMessage.subject(message)).isEqualTo("base: 1111111..2222222");
    assertThat(message).contains("Pin: base 1111111aaaa..2222222bbbb");
    assertThat(CommitMessage.shopSets(message)).isEmpty();
  }
}
