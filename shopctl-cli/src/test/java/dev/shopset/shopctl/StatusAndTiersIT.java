package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.TierStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code shopctl status} and {@code shopctl tiers} against the in-memory API. */
class StatusAndTiersIT {

  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final String C = "c".repeat(40);
  static final String COMMIT = "1234567890".repeat(4);

  static ApiFixture api;

  @BeforeAll
  static void seed() throws Exception {
    api = new ApiFixture();
    api.namespace("shops-eu");
    api.namespace("shops-us");
    api.tier("prod", 1, null, true);
    api.tier("dev", 0, "prod", false);
    api.tierPins(
        "dev",
        A,
        Map.of("config/shops-eu/shop-defaults", C),
        new TierStatus.LastPromotion("dev-rollback-x", "Succeeded", A, true, "t"));
    api.tierPins(
        "prod",
        B,
        Map.of(),
        new TierStatus.LastPromotion("dev-to-prod-1", "Succeeded", B, null, "t"));
    api.configuration("shops-eu", "shop-defaults");
    api.shopSet("shops-eu", "eu-small", "dev", null, "berlin", "hamburg", "vienna");
    api.shopSet("shops-eu", "eu-blue", "dev", null, "munich", "zurich");
    api.shopSet("shops-us", "us-east", "prod", 5, "boston");
    api.shopSetReady("shops-eu", "eu-small", "True", "Committed", COMMIT);
    api.shopSetReady("shops-us", "us-east", "False", "TierNotFound", null);
    api.deployment("shops-eu", "eu-small", 3, 3);
    api.deployment("shops-us", "us-east", 2, 1);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void statusShowsEachShopSetOfTheNamespaceWithReadyCommitAppRevisionAndRollout() {
    ApiFixture.Result r = api.run("status", "-n", "shops-eu");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            NAME       TIER   SHOPS   READY     COMMIT    APP       ROLLOUT      FLAGS   MESSAGE
            eu-blue    dev    2       Unknown   -         aaaaaaa   -            -       NotObserved: The watcher has not reported on this ShopSet yet.
            eu-small   dev    3       True      1234567   aaaaaaa   rolled out   -       -
            """);
  }

  @Test
  void statusOfEveryNamespaceSaysWhyAShopSetIsNotReady() {
    ApiFixture.Result r = api.run("status", "-A");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            NAMESPACE   NAME       TIER   SHOPS   READY     COMMIT    APP       ROLLOUT                  FLAGS   MESSAGE
            shops-eu    eu-blue    dev    2       Unknown   -         aaaaaaa   -                        -       NotObserved: The watcher has not reported on this ShopSet yet.
            shops-eu    eu-small   dev    3       True      1234567   aaaaaaa   rolled out               -       -
            shops-us    us-east    prod   1       False     -         bbbbbbb   rolling out (0/1 done)   -       TierNotFound: Its Tier is missing.
            """);
  }

  @Test
  void statusOfOneShopSetAsJsonCarriesFullCommits() {
    ApiFixture.Result r = api.run("status", "eu-small", "-n", "shops-eu", "-o", "json");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            {
              "namespace" : "shops-eu",
              "name" : "eu-small",
              "tier" : "dev",
              "shops" : [ "berlin", "hamburg", "vienna" ],
              "ready" : "True",
              "reason" : "Committed",
              "systemCommit" : "%s",
              "systemBranch" : "dev",
              "appRevision" : "%s",
              "lastRollout" : "rolled out"
            }
            """
                .formatted(COMMIT, A));
  }

  @Test
  void aMistypedShopSetNameGetsASuggestionAndExitCode3() {
    ApiFixture.Result r = api.run("status", "eu-smal", "-n", "shops-eu");
    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("shopctl: ShopSet eu-smal not found in shops-eu; did you mean eu-small?\n");
  }

  @Test
  void aNameAndAllNamespacesTogetherAreAUsageError() {
    assertThat(api.run("status", "eu-small", "-A").exit()).isEqualTo(Exit.USAGE);
    assertThat(api.run("status", "-n", "x", "-A").exit()).isEqualTo(Exit.USAGE);
  }

  @Test
  void theReadCommandsBuiltAloneForAFastStartAnswerExactlyAsInTheWholeTree() {
    for (String[] line :
        List.of(
            new String[] {"status", "-A"},
            new String[] {"status", "eu-small", "-n", "shops-eu", "-o", "json"},
            new String[] {"status", "eu-smal", "-n", "shops-eu"},
            new String[] {"status", "--bogus"},
            new String[] {"status", "--help"},
            new String[] {"tiers"},
            new String[] {"tiers", "--help"})) {
      assertThat(api.run(line)).as(String.join(" ", line)).isEqualTo(api.run(true, line));
    }
    assertThat(api.run("status", "--help").out()).startsWith("Usage: shopctl status ");
  }

  @Test
  void tiersAreInRankOrderWithPinsFrozenAndWhatWaitsForPromotion() {
    ApiFixture.Result r = api.run("tiers");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            TIER   RANK   BRANCH   PROMOTES-TO   FROZEN   APP       CONFIGS                          WAITING           LAST-PROMOTION
            dev    0      dev      prod          no       aaaaaaa   shops-eu/shop-defaults@ccccccc   aaaaaaa -> prod   rollback dev-rollback-x Succeeded aaaaaaa
            prod   1      prod     -             yes      bbbbbbb   -                                -                 dev-to-prod-1 Succeeded bbbbbbb
            """);
  }

  @Test
  void tiersAsYamlCarryFullCommits() {
    ApiFixture.Result r = api.run("tiers", "-o", "yaml");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith(
            """
            - name: dev
              rank: 0
              branch: dev
              promotesTo: prod
              frozen: false
              app: %s
              configurations:
              - path: config/shops-eu/shop-defaults
            """
                .formatted(A))
        .contains("- name: prod\n  rank: 1\n  branch: prod\n  frozen: true\n  app: " + B);
  }

  @Test
  void anUnreachableApiIsExitCode5WithWhatToCheck() throws Exception {
    java.nio.file.Path config = java.nio.file.Files.createTempFile("kubeconfig", "");
    java.nio.file.Files.writeString(
        config,
        java.nio.file.Files.readString(api.kubeconfig)
            .replaceAll("http://127.0.0.1:[0-9]+", "http://127.0.0.1:1"));
    var cl = ShopCtl.commandLine();
    var err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    int exit = cl.execute("tiers", "--kubeconfig", config.toString());
    assertThat(exit).isEqualTo(Exit.UNAVAILABLE);
    assertThat(err.toString())
        .startsWith("shopctl: Cannot reach the Kubernetes API of " + config)
        .contains("Is the cluster (or ./shopset run) up, and the kubeconfig right?");
  }
}
