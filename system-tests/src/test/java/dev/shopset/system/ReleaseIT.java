package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.shopctl.ShopCtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A release run only through shopctl, against the stack (two processes of every service): place
 * three new shops (one lands in a new ShopSet), promote dev to prod with --wait, roll prod back to
 * the commit it had, freeze prod and show that new code on dev and on prod's own branch does not
 * reach it, unfreeze, maintenance on. The system branches and the statuses are checked after each
 * step (ShopSet statuses and Tier specs through shopctl; pins through git: the watcher does not
 * reliably write Tier status pins in this two-replica stack, so shopctl tiers' APP and WAITING are
 * not asserted here). Only the platform team's part (Tiers, the Configuration, the first ShopSets)
 * is set up without shopctl.
 */
@ExtendWith(StackExtension.class)
class ReleaseIT {

  static final String NS = "release";
  static final String DEV = "release-dev";
  static final String PROD = "release-prod";
  static final Duration STEP = Duration.ofSeconds(120);
  static final ObjectMapper JSON = new ObjectMapper();

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static Path kubeconfig;

  /** What one shopctl run printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void platformTeam() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier(DEV, 0, "system", PROD);
    api.tier(PROD, 1, "system", null);
    api.configuration(NS);
    api.apply(NS, "eu", spec(DEV, 2, "berlin"), java.util.Map.of());
    api.apply(NS, "eu-live", spec(PROD, 3, "paris"), java.util.Map.of());
    system = new SystemRepo(stack, "system");
    kubeconfig = stack.kubernetes().writeKubeconfig(stack.scratch().resolve("kubeconfig"));
  }

  static ShopSetSpec spec(String tier, int maxShops, String... shops) {
    return new ShopSetSpec(
        tier, Resources.CONFIGURATION, List.of(shops), 1, null, null, null, null, null, maxShops);
  }

  static Run shopctl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = ShopCtl.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  static JsonNode json(String... args) {
    Run run = shopctl(args);
    assertThat(run.exit()).as(run.err()).isZero();
    try {
      return JSON.readTree(run.out());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** shopctl status of every ShopSet of the namespace, by name. */
  static JsonNode status(String name) {
    for (JsonNode row : json("status", "-n", NS, "-o", "json")) {
      if (row.path("name").asText().equals(name)) {
        return row;
      }
    }
    return JSON.nullNode();
  }

  /** shopctl tiers' row of {@code tier}. */
  static JsonNode tier(String tier) {
    for (JsonNode row : json("tiers", "-o", "json")) {
      if (row.path("name").asText().equals(tier)) {
        return row;
      }
    }
    return JSON.nullNode();
  }

  /** Waits until shopctl says the ShopSet is Ready with a commit that is on its system branch. */
  static void awaitReady(String name, String branch) {
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          JsonNode row = status(name);
          assertThat(row.path("ready").asText()).as(row.toString()).isEqualTo("True");
          assertThat(row.path("systemBranch").asText()).isEqualTo(branch);
          assertThat(system.contains(branch, row.path("systemCommit").asText())).isTrue();
        });
  }

  @Test
  void aReleaseOnlyThroughShopctl() {
    awaitReady("eu", DEV);
    awaitReady("eu-live", PROD);

    // 1. three new shops placed by the convention: eu fills up, then a new ShopSet eu-2
    Run placed = shopctl("shops", "place", "hamburg", "-n", NS, "--tier", DEV);
    assertThat(placed.exit()).as(placed.err()).isZero();
    assertThat(placed.out()).startsWith("Placing hamburg in release/eu: 1 of 2 shops");
    placed = shopctl("shops", "place", "vienna", "-n", NS, "--tier", DEV);
    assertThat(placed.out())
        .startsWith(
            "Every ShopSet of release on tier release-dev is full; creating release/eu-2 with"
                + " vienna, copied from eu (2 of 2 shops).");
    placed = shopctl("shops", "place", "graz", "-n", NS, "--tier", DEV);
    assertThat(placed.out()).startsWith("Placing graz in release/eu-2: 1 of 2 shops");
    awaitReady("eu-2", DEV);
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          assertThat(system.shopSets(DEV)).contains(NS + "/eu", NS + "/eu-2");
          assertThat(system.show(DEV, "shopsets/release/eu-2/kustomization.yaml")).isNotEmpty();
          assertThat(status("eu").path("shops").toString()).isEqualTo("[\"berlin\",\"hamburg\"]");
          assertThat(status("eu-2").path("shops").toString()).isEqualTo("[\"vienna\",\"graz\"]");
          awaitReady("eu", DEV);
        });

    // 2. new code on dev, promoted to prod with --wait
    String prodBefore = system.gitlink(PROD, "base");
    String v2 = AppPushes.push(stack, DEV, "release v2");
    await().atMost(STEP).until(() -> v2.equals(system.gitlink(DEV, "base")));
    Run promoted = shopctl("promote", DEV, "--wait", "--timeout", "3m");
    assertThat(promoted.exit()).as(promoted.out() + promoted.err()).isZero();
    assertThat(promoted.out()).contains("Succeeded: release-prod is now at " + v2);
    await().atMost(STEP).until(() -> v2.equals(system.gitlink(PROD, "base")));
    awaitReady("eu-live", PROD);

    // 3. prod rolled back to the commit it had: the only way its pin moves backwards
    Run rolledBack = shopctl("rollback", PROD, "--to", prodBefore, "--wait", "--timeout", "3m");
    assertThat(rolledBack.exit()).as(rolledBack.out() + rolledBack.err()).isZero();
    assertThat(stack.cli.head(stack.url("app"), PROD)).isEqualTo(prodBefore);
    await().atMost(STEP).until(() -> prodBefore.equals(system.gitlink(PROD, "base")));
    awaitReady("eu-live", PROD);
    assertThat(system.gitlink(DEV, "base")).as("dev keeps its code").isEqualTo(v2);

    // 4. prod frozen: new code on dev is not promoted, new code on prod's branch is not pinned,
    //    ShopSet changes on prod are still committed
    Run frozen = shopctl("freeze", PROD);
    assertThat(frozen.exit()).as(frozen.err()).isZero();
    await().atMost(STEP).until(() -> tier(PROD).path("frozen").asBoolean());
    String v3 = AppPushes.push(stack, DEV, "release v3");
    await().atMost(STEP).until(() -> v3.equals(system.gitlink(DEV, "base")));
    Run refused = shopctl("promote", DEV, "--wait", "--timeout", "3m");
    assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.out()).contains("Failed: TierFrozen");
    assertThat(refused.err()).contains("tier release-prod is frozen");
    String hotfix = AppPushes.push(stack, PROD, "hotfix straight on prod");
    Run added = shopctl("shops", "add", "eu-live", "madrid", "-n", NS);
    assertThat(added.exit()).as(added.err()).isZero();
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          assertThat(status("eu-live").path("shops").toString()).contains("madrid");
          awaitReady("eu-live", PROD);
          assertThat(system.show(PROD, "shopsets/release/eu-live/kustomization.yaml")).isNotEmpty();
        });
    assertThat(SystemRepo.kustomize(system.cloneWithSubmodules(PROD), NS, "eu-live"))
        .contains("madrid");
    assertThat(system.gitlink(PROD, "base")).as("frozen: no new code").isEqualTo(prodBefore);
    assertThat(stack.cli.head(stack.url("app"), PROD)).isEqualTo(hotfix);

    // 5. unfrozen: prod's pin catches up with its branch (the next poll), dev's code still waits
    Run thawed = shopctl("unfreeze", PROD);
    assertThat(thawed.exit()).as(thawed.err()).isZero();
    await().atMost(STEP).until(() -> hotfix.equals(system.gitlink(PROD, "base")));
    assertThat(tier(PROD).path("frozen").asBoolean()).isFalse();

    // 6. maintenance on for eu: committed to dev with the maintenance marks
    Run maintenance = shopctl("maintenance", "on", "eu", "-n", NS);
    assertThat(maintenance.exit()).as(maintenance.err()).isZero();
    assertThat(maintenance.out()).startsWith("ShopSet release/eu: spec.maintenance: false -> true");
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          JsonNode eu = status("eu");
          assertThat(eu.path("maintenance").asBoolean()).isTrue();
          awaitReady("eu", DEV);
          assertThat(SystemRepo.kustomize(system.cloneWithSubmodules(DEV), NS, "eu"))
              .contains("SHOPSET_MAINTENANCE");
        });
    assertThat(api.get(NS, "eu").orElseThrow().getSpec().shops())
        .containsExactly("berlin", "hamburg");
  }
}
