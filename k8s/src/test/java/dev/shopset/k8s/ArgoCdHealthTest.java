package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.ShopSetStatus.LastCommit;
import dev.shopset.contracts.resources.TierStatus;
import dev.shopset.contracts.resources.TierStatus.LastPromotion;
import dev.shopset.contracts.resources.TierStatus.Pin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks of k8s/argocd/health/argocd-cm-health.yaml, run as Argo CD runs them
 * (the object as global {@code obj}, the script returns {@code hs}) on statuses built from
 * resource-model's classes, as the watcher writes them.
 */
class ArgoCdHealthTest {

  private static final Path PATCH = Path.of("argocd/health/argocd-cm-health.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  record Health(String status, String message) {}

  @Test
  void thePatchIsAnArgocdCmMergeWithOneScriptPerKind() throws Exception {
    JsonNode patch = new YAMLMapper().readTree(PATCH.toFile());
    assertThat(patch.at("/metadata/name").asText()).isEqualTo("argocd-cm");
    assertThat(patch.at("/metadata/namespace").asText()).isEqualTo("argocd");
    assertThat(patch.get("data").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "resource.customizations.health.shopset.dev_ShopSet",
            "resource.customizations.health.shopset.dev_Tier",
            "resource.customizations.health.shopset.dev_Promotion");
  }

  // ShopSet

  @Test
  void shopSetReadyForItsGenerationIsHealthy() throws Exception {
    Health h =
        health(
            "ShopSet",
            shopSet(
                3,
                null,
                new ShopSetStatus(
                    3L,
                    List.of(
                        condition(Conditions.VALID, "True", "Valid", "ok", 3),
                        condition(Conditions.COMMITTED, "True", "Pushed", "in " + SHA, 3),
                        condition(
                            Conditions.READY,
                            "True",
                            "Pushed",
                            "Generation 3 is committed: in 0123456789ab",
                            3)),
                    new LastCommit(SHA, "dev", "2026-12-02T00:00:00Z"))));
    assertThat(h.status()).isEqualTo("Healthy");
    assertThat(h.message()).contains("Generation 3 is committed");
  }

  @Test
  void shopSetOnItsWayToGitIsProgressing() throws Exception {
    Health h =
        health(
            "ShopSet",
            shopSet(
                4,
                null,
                new ShopSetStatus(
                    4L,
                    List.of(
                        condition(
                            Conditions.READY,
                            "Unknown",
                            "Reconciling",
                            "Generation 4 is on its way to git.",
                            4)),
                    null)));
    assertThat(h)
        .isEqualTo(new Health("Progressing", "Reconciling: Generation 4 is on its way to git."));
  }

  @Test
  void shopSetWithoutStatusOrWithAnOlderObservedGenerationIsProgressing() throws Exception {
    assertThat(health("ShopSet", shopSet(1, null, null)).status()).isEqualTo("Progressing");
    Health older =
        health(
            "ShopSet",
            shopSet(
                5,
                null,
                new ShopSetStatus(
                    4L, List.of(condition(Conditions.READY, "True", "Pushed", "done", 4)), null)));
    assertThat(older)
        .isEqualTo(
            new Health("Progressing", "Waiting for ShopSet's watcher to observe generation 5"));
  }

  @Test
  void shopSetRefusedIsDegradedWithTheReason() throws Exception {
    Health h =
        health(
            "ShopSet",
            shopSet(
                2,
                null,
                new ShopSetStatus(
                    2L,
                    List.of(
                        condition(
                            Conditions.VALID,
                            "False",
                            Conditions.TIER_NOT_FOUND,
                            "Tier gold does not exist.",
                            2),
                        condition(
                            Conditions.READY,
                            "False",
                            Conditions.TIER_NOT_FOUND,
                            "Tier gold does not exist.",
                            2)),
                    null)));
    assertThat(h).isEqualTo(new Health("Degraded", "TierNotFound: Tier gold does not exist."));
  }

  @Test
  void shopSetStalledIsDegradedAndReconcilingIsProgressingEvenWhenReady() throws Exception {
    Health stalled =
        health(
            "ShopSet",
            shopSet(
                1,
                null,
                new ShopSetStatus(
                    1L,
                    List.of(
                        condition("Stalled", "True", "AuthenticationFailed", "HTTP 401", 1),
                        condition(Conditions.READY, "Unknown", "Reconciling", "on its way", 1)),
                    null)));
    assertThat(stalled).isEqualTo(new Health("Degraded", "AuthenticationFailed: HTTP 401"));
    Health reconciling =
        health(
            "ShopSet",
            shopSet(
                1,
                null,
                new ShopSetStatus(
                    1L,
                    List.of(
                        condition("Reconciling", "True", "Rendering", "generation 1", 1),
                        condition(Conditions.READY, "True", "Pushed", "older commit", 1)),
                    null)));
    assertThat(reconciling).isEqualTo(new Health("Progressing", "Rendering: generation 1"));
  }

  @Test
  void shopSetNotReadyThroughAGitOutageItRetriesIsProgressingNotDegraded() throws Exception {
    Health h =
        health(
            "ShopSet",
            shopSet(
                1,
                null,
                new ShopSetStatus(
                    1L,
                    List.of(
                        condition(Conditions.READY, "False", "Unavailable", "git down", 1),
                        condition(
                            "Reconciling",
                            "True",
                            "Unavailable",
                            "git down (retrying by itself)",
                            1),
                        condition("Stalled", "False", "Unavailable", "git down", 1)),
                    null)));
    assertThat(h)
        .isEqualTo(new Health("Progressing", "Unavailable: git down (retrying by itself)"));
  }

  @Test
  void suspendedShopSetThatIsReadyIsSuspended() throws Exception {
    Health h =
        health(
            "ShopSet",
            shopSet(
                1,
                JSON.createObjectNode().put("suspend", true),
                new ShopSetStatus(
                    1L, List.of(condition(Conditions.READY, "True", "Pushed", "done", 1)), null)));
    assertThat(h.status()).isEqualTo("Suspended");
  }

  // Tier

  @Test
  void tierWithItsCommitAndASucceededPromotionIsHealthy() throws Exception {
    Health h =
        health(
            "Tier",
            tier(
                false,
                new TierStatus(
                    1L,
                    null,
                    List.of(new Pin("base", "https://git.example.com/app.git", "prod", SHA)),
                    new LastCommit(SHA, "prod", "2026-12-02T00:00:00Z"),
                    new LastPromotion(
                        "dev-to-prod-1", "Succeeded", SHA, false, "2026-12-02T00:00:00Z"),
                    12)));
    assertThat(h).isEqualTo(new Health("Healthy", "12 ShopSet(s) at 0123456789ab"));
  }

  @Test
  void tierWithAPendingPromotionOrNoStatusIsProgressing() throws Exception {
    assertThat(health("Tier", tier(false, null)).status()).isEqualTo("Progressing");
    Health h =
        health(
            "Tier",
            tier(
                false,
                new TierStatus(
                    1L,
                    null,
                    null,
                    null,
                    new LastPromotion("dev-to-prod-2", "Pending", null, false, null),
                    3)));
    assertThat(h).isEqualTo(new Health("Progressing", "Promotion dev-to-prod-2 is pending"));
  }

  @Test
  void tierWhoseLastRollbackFailedIsDegraded() throws Exception {
    Health h =
        health(
            "Tier",
            tier(
                false,
                new TierStatus(
                    1L,
                    null,
                    null,
                    null,
                    new LastPromotion("undo-7", "Failed", null, true, "2026-12-02T00:00:00Z"),
                    3)));
    assertThat(h.status()).isEqualTo("Degraded");
    assertThat(h.message()).startsWith("Rollback undo-7 failed");
  }

  @Test
  void frozenTierIsSuspended() throws Exception {
    Health h = health("Tier", tier(true, new TierStatus(1L, null, null, null, null, 2)));
    assertThat(h.status()).isEqualTo("Suspended");
    assertThat(h.message()).startsWith("Frozen");
  }

  // Promotion

  @Test
  void promotionFollowsItsPhase() throws Exception {
    assertThat(health("Promotion", promotion(null)).status()).isEqualTo("Progressing");
    assertThat(
            health(
                    "Promotion",
                    promotion(
                        new PromotionStatus(
                            PromotionStatus.Phase.Pending,
                            "dev",
                            "prod",
                            null,
                            null,
                            null,
                            null,
                            1L)))
                .status())
        .isEqualTo("Progressing");
    assertThat(
            health(
                "Promotion",
                promotion(
                    new PromotionStatus(
                        PromotionStatus.Phase.Succeeded,
                        "dev",
                        "prod",
                        SHA,
                        null,
                        null,
                        "2026-12-02T00:00:00Z",
                        1L))))
        .isEqualTo(new Health("Healthy", "prod is at " + SHA));
    assertThat(
            health(
                "Promotion",
                promotion(
                    new PromotionStatus(
                        PromotionStatus.Phase.Failed,
                        "dev",
                        "prod",
                        null,
                        "NotFastForward",
                        "prod has commits dev lacks",
                        "2026-12-02T00:00:00Z",
                        1L))))
        .isEqualTo(new Health("Degraded", "NotFastForward: prod has commits dev lacks"));
  }

  // helpers

  private static Condition condition(
      String type, String status, String reason, String message, long generation) {
    return new Condition(type, status, reason, message, "2026-12-02T00:00:00Z", generation);
  }

  private static ObjectNode object(String kind, String name, long generation) {
    ObjectNode o = JSON.createObjectNode();
    o.put("apiVersion", "shopset.dev/v1alpha1").put("kind", kind);
    o.putObject("metadata").put("name", name).put("generation", generation);
    return o;
  }

  private static JsonNode shopSet(long generation, ObjectNode spec, ShopSetStatus status) {
    ObjectNode o = object("ShopSet", "eu-small", generation);
    ((ObjectNode) o.get("metadata")).put("namespace", "shops-eu");
    o.set("spec", spec != null ? spec : JSON.createObjectNode().put("tier", "dev"));
    if (status != null) {
      o.set("status", JSON.valueToTree(status));
    }
    return o;
  }

  private static JsonNode tier(boolean frozen, TierStatus status) {
    ObjectNode o = object("Tier", "prod", 1);
    o.putObject("spec").put("rank", 1).put("frozen", frozen);
    if (status != null) {
      o.set("status", JSON.valueToTree(status));
    }
    return o;
  }

  private static JsonNode promotion(PromotionStatus status) {
    ObjectNode o = object("Promotion", "dev-to-prod-1", 1);
    o.putObject("spec").put("tier", "dev");
    if (status != null) {
      o.set("status", JSON.valueToTree(status));
    }
    return o;
  }

  /** Runs the kind's script from the patch on {@code object} as Argo CD does. */
  static Health health(String kind, JsonNode object) throws Exception {
    JsonNode patch = new YAMLMapper().readTree(PATCH.toFile());
    String script = patch.at("/data/resource.customizations.health.shopset.dev_" + kind).asText();
    assertThat(script).as("script for %s", kind).isNotBlank();
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(object));
    LuaValue hs = globals.load(script, kind + ".lua").call();
    assertThat(hs.istable()).as("%s returns hs", kind).isTrue();
    String status = hs.get("status").tojstring();
    assertThat(status)
        .isIn("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
    LuaValue message = hs.get("message");
    return new Health(status, message.isnil() ? null : message.tojstring());
  }

  private static LuaValue lua(JsonNode node) {
    if (node == null || node.isNull()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable t = new LuaTable();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        t.set(e.getKey(), lua(e.getValue()));
      }
      return t;
    }
    if (node.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        t.set(i + 1, lua(node.get(i)));
      }
      return t;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      long v = node.longValue();
      return v == (int) v ? LuaValue.valueOf((int) v) : LuaValue.valueOf((double) v);
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
