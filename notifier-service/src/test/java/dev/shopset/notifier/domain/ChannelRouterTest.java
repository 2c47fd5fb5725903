package dev.shopset.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.Rollout;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelRouterTest {

  private final ChannelRouter router =
      new ChannelRouter(
          "#deployments",
          Map.of("shop-a", "#shop-a"),
          Map.of("production", "#prod", "dev", "#dev"));

  @ParameterizedTest(name = "{0} in tier {1}, annotation {2} -> {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "shop-a, production, null, #shop-a",
        "shop-b, production, null, #prod",
        "shop-b, dev, null, #dev",
        "shop-b, staging, null, #deployments",
        "shop-b, null, null, #deployments",
        "shop-a, production, #override, #override",
        "shop-b, dev, ' C0123 ', C0123",
        "shop-b, dev, '  ', #dev"
      })
  void annotationThenNamespaceThenTierThenDefault(
      String namespace, String tier, String annotation, String expected) {
    Rollout r =
        new Rollout(
            namespace,
            "web",
            "s",
            tier,
            1,
            new TreeMap<>(),
            new TreeMap<>(),
            annotation,
            Rollouts.STARTED_AT);

    assertThat(router.channel(r)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aWebhookRouterSendsEverythingToItsOneChannel() {
    Rollout annotated =
        new Rollout(
            "shop-a",
            "web",
            "s",
            "production",
            1,
            new TreeMap<>(),
            new TreeMap<>(),
            "#other",
            Rollouts.STARTED_AT);

    assertThat(ChannelRouter.single("webhook").channel(annotated)).isEqualTo("webhook");
  }
}
