package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void aTypoOrTranspositionFindsTheName() {
    List<String> names = List.of("eu-blue", "eu-large", "eu-small");
    assertThat(Suggestions.closest("eu-smal", names)).isEqualTo("eu-small");
    assertThat(Suggestions.closest("eu-smlal", names)).isEqualTo("eu-small");
    assertThat(Suggestions.closest("dve", List.of("dev", "prod"))).isEqualTo("dev");
    assertThat(Suggestions.closest("eu-lar", names)).isEqualTo("eu-large");
  }

  @Test
  void aNameFarFromEveryOneFindsNothing() {
    assertThat(Suggestions.closest("us-east", List.of("eu-blue", "eu-small"))).isNull();
    assertThat(Suggestions.closest("x", List.of())).isNull();
  }

  @Test
  void tiesGoToTheFirstByName() {
    assertThat(Suggestions.closest("eu-b", List.of("eu-c", "eu-a"))).isEqualTo("eu-a");
  }
}
