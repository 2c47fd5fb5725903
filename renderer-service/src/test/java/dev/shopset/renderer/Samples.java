package dev.shopset.renderer;

import dev.shopset.contracts.events.ShopSetDesired;
import java.util.List;
import java.util.TreeMap;

/** Desired states for tests that need a valid one and do not care about its details. */
public final class Samples {
  private Samples() {}

  public static ShopSetDesired desired(String namespace, String name, String systemRepository) {
    return new ShopSetDesired(
        namespace,
        name,
        1,
        new TreeMap<>(),
        new ShopSetDesired.Spec(
            "dev", "shop-defaults", List.of("berlin"), null, null, null, null, null, null, null),
        new ShopSetDesired.TierState(
            "dev",
            0,
            "dev",
            new ShopSetDesired.Repository("https://git.example.com/shop/app.git", null),
            new ShopSetDesired.Repository(systemRepository, null),
            null,
            List.of(),
            false),
        new ShopSetDesired.ConfigurationState(
            "shop-defaults",
            new ShopSetDesired.Repository("https://git.example.com/shop/config.git", null)));
  }
}
