package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code shopctl promote} and {@code rollback}: the Promotion created, and {@code --wait} ending as
 * the status the test writes (playing the watcher) says.
 */
class PromoteIT {

  static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  static ApiFixture api;

  @BeforeAll
  static void seed() throws Exception {
    api = new ApiFixture();
    api.tier("dev", 0, "prod", false);
    api.tier("prod", 1, null, false);
    api.tier("staging", 0, "prod-eu", false);
  }

  @BeforeEach
  void noPromotions() {
    api.client.resources(Promotion.class).delete();
    await().until(() -> promotions().isEmpty());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static List<Promotion> promotions() {
    return api.client.resources(Promotion.class).list().getItems();
  }

  /** Plays the watcher: once a Promotion appears, writes {@code status} to it. */
  static CompletableFuture<ApiFixture.Result> runAndAnswer(
      PromotionStatus.Phase phase, String reason, String message, String... args) {
    CompletableFuture<ApiFixture.Result> run = CompletableFuture.supplyAsync(() -> api.run(args));
    await().until(() -> promotions().size() == 1);
    Promotion p = promotions().get(0);
    p.setStatus(
        new PromotionStatus(
            phase,
            "dev",
            "prod",
            SHA,
            reason,
            message,
            "2026-12-02T00:00:00Z",
            p.getMetadata().getGeneration()));
    api.client.resource(p).updateStatus();
    return run;
  }

  @Test
  void promoteWithoutWaitCreatesAPromotionOfTheHeadAndReturns() {
    ApiFixture.Result r = api.run("promote", "dev");
    assertThat(r.exit()).isZero();
    Promotion p = promotions().get(0);
    assertThat(p.getSpec().tier()).isEqualTo("dev");
    assertThat(p.getSpec().commit()).isNull();
    assertThat(p.getSpec().isRollback()).isFalse();
    assertThat(p.getMetadata().getName()).startsWith("dev-to-prod-");
    assertThat(p.getMetadata().getLabels()).containsEntry("shopset.dev/created-by", "shopctl");
    assertThat(p.getSpec().requestedBy()).as("the kubeconfig's user").isEqualTo("shopset-local");
    assertThat(r.out())
        .isEqualTo(
            "Promotion "
                + p.getMetadata().getName()
                + " created: dev -> prod (head of dev), requested by shopset-local\n"
                + "Follow it with: shopctl tiers, or kubectl get promotion "
                + p.getMetadata().getName()
                + "\n");
  }

  @Test
  void promoteWaitExitsZeroWhenThePromotionSucceeds() {
    ApiFixture.Result r =
        runAndAnswer(
                PromotionStatus.Phase.Succeeded,
                null,
                null,
                "promote",
                "dev",
                "--commit",
                SHA,
                "--wait")
            .join();
    String name = promotions().get(0).getMetadata().getName();
    assertThat(promotions().get(0).getSpec().commit()).isEqualTo(SHA);
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Promotion "
                + name
                + " created: dev -> prod at "
                + SHA
                + ", requested by shopset-local\nPromotion "
                + name
                + " Succeeded: prod is now at "
                + SHA
                + "\n");
  }

  @Test
  void promoteWaitSaysWhatTheTierWasAtAndHowToGoBack() {
    String before = "b".repeat(40);
    CompletableFuture<ApiFixture.Result> run =
        CompletableFuture.supplyAsync(() -> api.run("promote", "dev", "--wait"));
    await().until(() -> promotions().size() == 1);
    Promotion p = promotions().get(0);
    p.setStatus(
        new PromotionStatus(
            PromotionStatus.Phase.Succeeded,
            "dev",
            "prod",
            SHA,
            null,
            null,
            "2026-12-02T00:00:00Z",
            p.getMetadata().getGeneration(),
            "shopset-local",
            null,
            null,
            null,
            null,
            null,
            before));
    api.client.resource(p).updateStatus();
    ApiFixture.Result r = run.join();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .endsWith(
            " Succeeded: prod is now at "
                + SHA
                + "\nIt was at "
                + before
                + "; to go back: shopctl rollback prod --to "
                + before
                + "\n");
  }

  @Test
  void promoteWaitExitsOneWithTheReasonWhenThePromotionFails() {
    ApiFixture.Result r =
        runAndAnswer(
                PromotionStatus.Phase.Failed,
                "NotFastForward",
                "prod has commits dev lacks.",
                "promote",
                "dev",
                "--wait",
                "-o",
                "json")
            .join();
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.out())
        .contains("\"phase\" : \"Failed\"")
        .contains("\"reason\" : \"NotFastForward\"")
        .contains("\"to\" : \"prod\"");
  }

  @Test
  void promoteWaitExitsFourWhenNoOutcomeComesInTime() {
    ApiFixture.Result r = api.run("promote", "dev", "--wait", "--timeout", "1s");
    assertThat(r.exit()).isEqualTo(Exit.TIMEOUT);
    assertThat(r.err())
        .startsWith("shopctl: Promotion dev-to-prod-")
        .contains("has no outcome after 1s (phase none yet: is the watcher running?)");
  }

  @Test
  void aPendingStatusIsNoOutcome() {
    CompletableFuture<ApiFixture.Result> run =
        runAndAnswer(PromotionStatus.Phase.Pending, null, null, "promote", "dev", "--wait");
    Promotion p = promotions().get(0);
    p.setStatus(
        new PromotionStatus(
            PromotionStatus.Phase.Succeeded,
            "dev",
            "prod",
            SHA,
            null,
            null,
            "t",
            p.getMetadata().getGeneration()));
    assertThat(run).isNotDone();
    api.client.resource(p).updateStatus();
    assertThat(run.join().exit()).isZero();
  }

  @Test
  void promotingTheLastTierSaysThereIsNothingToPromoteTo() {
    ApiFixture.Result r = api.run("promote", "prod");
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: Tier prod has no spec.promotesTo, so there is no tier to promote it to (it is"
                + " the last tier; dev promotes to it).\n");
    assertThat(promotions()).isEmpty();
  }

  @Test
  void aMistypedTierGetsASuggestion() {
    ApiFixture.Result r = api.run("promote", "dve");
    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(r.err()).isEqualTo("shopctl: Tier dve not found; did you mean dev?\n");
  }

  @Test
  void aShortCommitIsAUsageErrorThatSaysHowToGetTheFullOne() {
    ApiFixture.Result r = api.run("rollback", "prod", "--to", "abc1234");
    assertThat(r.exit()).isEqualTo(Exit.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: --to needs a full commit id (40 hex digits), not 'abc1234': git rev-parse"
                + " abc1234 prints it.\n");
    assertThat(promotions()).isEmpty();
  }

  @Test
  void rollbackCreatesARollbackPromotionOfTheTierItself() {
    ApiFixture.Result r =
        runAndAnswer(
                PromotionStatus.Phase.Succeeded,
                null,
                null,
                "rollback",
                "prod",
                "--to",
                SHA.toUpperCase(),
                "--wait")
            .join();
    Promotion p = promotions().get(0);
    assertThat(p.getSpec().tier()).isEqualTo("prod");
    assertThat(p.getSpec().commit()).isEqualTo(SHA);
    assertThat(p.getSpec().isRollback()).isTrue();
    assertThat(p.getMetadata().getName()).startsWith("prod-rollback-");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Promotion "
                + p.getMetadata().getName()
                + " created: rollback of prod to "
                + SHA
                + ", requested by shopset-local\nPromotion "
                + p.getMetadata().getName()
                + " Succeeded: prod is now at "
                + SHA
                + "\n");
  }

  @Test
  void promotingIntoAFrozenTierWarnsThatItWillFail() {
    api.run("freeze", "prod");
    try {
      ApiFixture.Result r = api.run("promote", "dev");
      assertThat(r.exit()).isZero();
      assertThat(r.err())
          .isEqualTo(
              "Note: tier prod is frozen: this Promotion will fail (TierFrozen) until `shopctl"
                  + " unfreeze prod`.\n");
    } finally {
      api.run("unfreeze", "prod");
    }
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    Durations d = new Durations();
    assertThat(d.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.convert("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(d.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(api.run("promote", "dev", "--timeout", "soon").exit()).isEqualTo(Exit.USAGE);
  }
}
