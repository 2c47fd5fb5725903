package dev.shopset.contracts.testing;

import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationSpec;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/** Resources as tests need them; shared with the services' tests through this module's test-jar. */
public final class Fixtures {

  /** The repository prefix the fixtures' URLs are under. */
  public static final String PREFIX = "https://git.example/";

  private Fixtures() {}

  /** Every namespace may use the Tier (an empty selector selects all). */
  public static LabelSelector everyNamespace() {
    return new LabelSelector(List.of(), Map.of());
  }

  /** A policy allowing {@link #PREFIX}, for namespace {@code namespace} without labels. */
  public static Tenancy tenancy(String namespace) {
    return Tenancy.of(namespace, Map.of(), RepositoryPolicy.allowing(List.of(PREFIX)));
  }

  /** A Tier every namespace may use, with the app repository under {@link #PREFIX}. */
  public static Tier tier(String name, String systemUrl, String promotesTo) {
    return tier(
        name,
        new TierSpec(
            0,
            null,
            new RepositoryRef(PREFIX + "app.git", "base"),
            systemUrl == null ? null : new RepositoryRef(systemUrl, null),
            promotesTo,
            everyNamespace(),
            null,
            null));
  }

  public static Tier tier(String name, TierSpec spec) {
    Tier tier = new Tier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    tier.setSpec(spec);
    return tier;
  }

  public static Configuration configuration(String namespace, String name) {
    return configuration(namespace, name, PREFIX + "config.git");
  }

  public static Configuration configuration(String namespace, String name, String url) {
    Configuration configuration = new Configuration();
    configuration.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    configuration.setSpec(new ConfigurationSpec(new RepositoryRef(url, "components/" + name)));
    return configuration;
  }

  public static ShopSet shopSet(
      String namespace, String name, String tier, String configuration, String... shops) {
    return shopSet(namespace, name, spec(tier, configuration, 2, shops));
  }

  public static ShopSet shopSet(String namespace, String name, ShopSetSpec spec) {
    ShopSet shopSet = new ShopSet();
    shopSet.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withGeneration(1L)
            .withAnnotations(Map.of("shopset.dev/slack-channel", "#shops", "other.io/ignored", "x"))
            .build());
    shopSet.setSpec(spec);
    return shopSet;
  }

  public static ShopSetSpec spec(String tier, String configuration, int replicas, String... shops) {
    return new ShopSetSpec(
        tier, configuration, List.of(shops), replicas, null, null, null, null, null, null);
  }

  public static Promotion promotion(String name, String tier) {
    Promotion promotion = new Promotion();
    promotion.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    promotion.setSpec(new PromotionSpec(tier));
    return promotion;
  }
}
