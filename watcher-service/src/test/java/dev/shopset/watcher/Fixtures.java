package dev.shopset.watcher;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationSpec;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/** Resources as tests need them. */
public final class Fixtures {
  private Fixtures() {}

  public static Tier tier(String name, String systemUrl, String promotesTo) {
    Tier tier = new Tier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    tier.setSpec(
        new TierSpec(
            0,
            null,
            new RepositoryRef("https://git.example/app.git", "base", "app-creds"),
            systemUrl == null ? null : new RepositoryRef(systemUrl, null, "system-creds"),
            promotesTo));
    return tier;
  }

  public static Configuration configuration(String namespace, String name) {
    Configuration configuration = new Configuration();
    configuration.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    configuration.setSpec(
        new ConfigurationSpec(
            new RepositoryRef("https://git.example/config.git", "components/" + name, null)));
    return configuration;
  }

  public static ShopSet shopSet(
      String namespace, String name, String tier, String configuration, String... shops) {
    ShopSet shopSet = new ShopSet();
    shopSet.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withGeneration(1L)
            .withAnnotations(Map.of("shopset.dev/slack-channel", "#shops", "other.io/ignored", "x"))
            .build());
    shopSet.setSpec(spec(tier, configuration, 2, shops));
    return shopSet;
  }

  public static ShopSetSpec spec(String tier, String configuration, int replicas, String... shops) {
    return new ShopSetSpec(
        tier, configuration, List.of(shops), replicas, null, null, null, null, null);
  }

  public static Promotion promotion(String name, String tier) {
    Promotion promotion = new Promotion();
    promotion.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    promotion.setSpec(new PromotionSpec(tier));
    return promotion;
  }
}
