package dev.shopset.watcher.it;

import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.watcher.kubernetes.WatcherLoop;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Promotion waiting for approvals expires when its time is up, not at the next resync: with the
 * production resync period (ten minutes), two of them with different expiries in two Tiers each end
 * Expired within seconds of their own moment, while a third with a day to go still waits.
 */
@QuarkusTest
@TestProfile(ApprovalExpiryIT.ProductionResync.class)
@WithKubernetesTestServer(crud = true, setup = ShopSetApi.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ApprovalExpiryIT {

  /** The resync period a cluster runs with, instead of the tests' one second. */
  public static final class ProductionResync implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("watcher.resync-period", "10m");
    }
  }

  private static final String SYSTEM = "https://git.example/expiry-system.git";

  @Inject KubernetesClient client;
  @Inject WatcherLoop loop;

  @Test
  void aPendingPromotionExpiresAtItsMomentWithoutWaitingForAResync() {
    await().atMost(Duration.ofSeconds(30)).until(loop::ready);
    tiers("soon", "3s");
    tiers("later", "6s");
    tiers("day", "24h");
    Instant start = Instant.now();
    promote("soon-release", "soon-dev");
    promote("later-release", "later-dev");
    promote("day-release", "day-dev");

    awaitPhase("soon-release", Phase.Expired);
    awaitPhase("later-release", Phase.Expired);
    assertThat(Duration.between(start, Instant.now()))
        .as("expired at their moment, not at a resync ten minutes on")
        .isLessThan(Duration.ofMinutes(1));
    assertThat(phase("day-release")).isEqualTo(Phase.PendingApproval);
  }

  private void tiers(String prefix, String expiry) {
    client.resource(tier(prefix + "-dev", SYSTEM, prefix + "-prod")).create();
    TierSpec base = tier(prefix + "-prod", SYSTEM, null).getSpec();
    Tier prod =
        tier(
            prefix + "-prod",
            new TierSpec(
                base.rank(),
                base.branch(),
                base.appRepository(),
                base.systemRepository(),
                null,
                base.namespaceSelector(),
                base.clusters(),
                null,
                new PromotionPolicy(
                    null,
                    new PromotionPolicy.Approvals(
                        1, new Subjects(List.of("bob"), List.of()), false, expiry))));
    client.resource(prod).create();
  }

  private void promote(String name, String tier) {
    Promotion p = new Promotion();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.setSpec(new PromotionSpec(tier).requestedBy("alice", null));
    client.resource(p).create();
  }

  private Phase phase(String name) {
    Promotion p = client.resources(Promotion.class).withName(name).get();
    return p.getStatus() == null ? null : p.getStatus().phase();
  }

  private void awaitPhase(String name, Phase phase) {
    await()
        .atMost(Duration.ofSeconds(45))
        .untilAsserted(() -> assertThat(phase(name)).as(name).isEqualTo(phase));
  }
}
