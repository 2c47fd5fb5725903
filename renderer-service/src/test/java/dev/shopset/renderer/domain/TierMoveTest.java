package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.resources.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ShopSet moving from dev to prod: the render sequence never lets Argo CD delete its running
 * workloads, and a later deletion still removes them.
 */
class TierMoveTest {

  private static final String SYSTEM = "https://git.example.com/platform/system.git";

  private final ShopSetDesired onDev = onTier("dev");
  private final ShopSetDesired onProd = onTier("prod");
  private final ShopSetMoved moved =
      new ShopSetMoved("shops-eu", "eu-web", 4, "dev", SYSTEM, "dev", "prod");

  @Test
  void theParkedApplicationReplacesTheActiveOneInPlaceWithoutFinalizerOrAutomatedSync()
      throws Exception {
    RenderResult active = Golden.RENDERER.render(onDev);
    RenderResult parked = Golden.RENDERER.park(moved);

    assertThat(parked.branch()).isEqualTo(active.branch());
    assertThat(parked.applicationFile()).isEqualTo(active.applicationFile());
    assertThat(parked.files().keySet())
        .as("only the Application: the overlay directory is emptied")
        .containsExactly(active.applicationFile());
    assertThat(parked.submodules()).isEmpty();
    assertThat(parked.shared()).isEmpty();

    JsonNode before = application(active);
    JsonNode after = application(parked);
    assertThat(after.at("/metadata/name").asText())
        .as("same name: the old root Application updates it rather than pruning it")
        .isEqualTo(before.at("/metadata/name").asText());
    assertThat(before.at("/metadata/finalizers").toString())
        .contains("resources-finalizer.argocd.argoproj.io");
    assertThat(after.at("/metadata").has("finalizers"))
        .as("pruning a parked Application orphans its objects instead of deleting them")
        .isFalse();
    assertThat(before.at("/spec/syncPolicy/automated").isObject()).isTrue();
    assertThat(after.at("/spec").has("syncPolicy")).as("never syncs, so never prunes").isFalse();
    assertThat(after.at("/metadata/annotations/shopset.dev~1moved-to").asText()).isEqualTo("prod");
  }

  @Test
  void theNewTiersApplicationIsAnotherOneThatAdoptsTheSameObjectsAndCascadesOnDeletion()
      throws Exception {
    RenderResult dev = Golden.RENDERER.render(onDev);
    RenderResult prod = Golden.RENDERER.render(onProd);
    JsonNode prodApplication = application(prod);
    assertThat(prodApplication.at("/metadata/name").asText())
        .as("both exist while the move settles, so they need distinct names")
        .isNotEqualTo(application(Golden.RENDERER.park(moved)).at("/metadata/name").asText());
    assertThat(prodApplication.at("/metadata/finalizers").toString())
        .as("deleting the ShopSet on its new tier still deletes its workloads")
        .contains("resources-finalizer.argocd.argoproj.io");

    String devKustomization = kustomization(dev);
    String prodKustomization = kustomization(prod);
    assertThat(line(prodKustomization, "namePrefix:"))
        .as("same object names on both tiers, so prod's Application adopts dev's objects")
        .isEqualTo(line(devKustomization, "namePrefix:"));
    assertThat(selectorLabels(prodKustomization))
        .as("selectors do not change on a move (Deployment selectors are immutable)")
        .isEqualTo(selectorLabels(devKustomization))
        .doesNotContain(Labels.TIER);
  }

  @Test
  void aDeletionAfterTheMoveRemovesTheParkedApplication() {
    RenderRemoval removal =
        Golden.RENDERER.remove(new ShopSetDeleted("shops-eu", "eu-web", SYSTEM, "dev"));
    assertThat(removal.branch()).isEqualTo("dev");
    assertThat(removal.applicationFile()).isEqualTo(Golden.RENDERER.park(moved).applicationFile());
  }

  private static ShopSetDesired onTier(String tier) {
    ShopSetDesired sample = dev.shopset.renderer.Samples.desired("shops-eu", "eu-web", SYSTEM);
    ShopSetDesired.TierState t = sample.tier();
    ShopSetDesired.Spec s = sample.spec();
    return new ShopSetDesired(
        sample.namespace(),
        sample.name(),
        4,
        sample.annotations(),
        new ShopSetDesired.Spec(
            tier, s.configuration(), s.shops(), null, null, null, null, null, null, null),
        new ShopSetDesired.TierState(
            tier, t.rank(), tier, t.appRepository(), t.systemRepository(), null, List.of(), false),
        sample.configuration());
  }

  private static JsonNode application(RenderResult result) throws Exception {
    return Golden.YAML.readTree(result.files().get(result.applicationFile()));
  }

  private static String kustomization(RenderResult result) {
    return result.files().get(result.directory() + "/kustomization.yaml");
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
  }

  /** The label pairs the kustomization puts into selectors. */
  private static String selectorLabels(String kustomization) throws Exception {
    StringBuilder out = new StringBuilder();
    for (JsonNode entry : Golden.YAML.readTree(kustomization).path("labels")) {
      if (entry.path("includeSelectors").asBoolean(false)) {
        out.append(entry.path("pairs"));
      }
    }
    return out.toString();
  }
}
