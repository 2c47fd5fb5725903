package dev.shopset.contracts;

import dev.shopset.contracts.events.Approval;
import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.events.SourceChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One fully populated sample of every event type, for schema and round-trip tests. */
public final class EventSamples {

  public static final String SYSTEM = "https://git.example.com/platform/system.git";
  public static final String APP = "https://git.example.com/shop/app.git";
  public static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

  private EventSamples() {}

  public static ShopSetEvent of(EventType type) {
    return switch (type) {
      case SHOPSET_DESIRED -> desired();
      case SHOPSET_DELETED -> new ShopSetDeleted("shops-eu", "eu-1", SYSTEM, "tier-0");
      case SHOPSET_MOVED ->
          new ShopSetMoved("shops-eu", "eu-1", 8, "tier-0", SYSTEM, "tier-0", "tier-1");
      case RENDER_RESULT ->
          new RenderResult(
              "shops-eu",
              "eu-1",
              7,
              SYSTEM,
              "tier-0",
              "shopsets/shops-eu/eu-1",
              "apps/shops-eu/eu-1.yaml",
              new TreeMap<>(
                  Map.of(
                      "shopsets/shops-eu/eu-1/kustomization.yaml", "resources: []\n",
                      "apps/shops-eu/eu-1.yaml", "kind: Application\n")),
              List.of(
                  new RenderResult.Submodule("base", APP, "tier-0"),
                  new RenderResult.Submodule(
                      "config/shops-eu/standard",
                      "https://git.example.com/shop/config.git",
                      "tier-0")),
              new TreeMap<>(Map.of(RenderResult.PROJECT_FILE, "kind: AppProject\n")));
      case RENDER_REMOVAL ->
          new RenderRemoval(
              "shops-eu",
              "eu-1",
              SYSTEM,
              "tier-0",
              "shopsets/shops-eu/eu-1",
              "apps/shops-eu/eu-1.yaml");
      case PIN_REQUESTED ->
          new PinRequested(
              SYSTEM,
              "tier-0",
              APP,
              "tier-0",
              "1111111111111111111111111111111111111111",
              "2222222222222222222222222222222222222222",
              false);
      case SOURCE_CHANGED ->
          new SourceChanged(
              APP,
              "tier-0",
              "1111111111111111111111111111111111111111",
              "2222222222222222222222222222222222222222",
              false);
      case COMMIT_PUSHED ->
          new CommitPushed(
              SYSTEM,
              "tier-0",
              "3333333333333333333333333333333333333333",
              List.of(new ShopSetRef("shops-eu", "eu-1", 7)),
              2,
              "Render 1 ShopSet",
              T0,
              List.of(
                  new CommitPushed.PinMove(
                      "base",
                      APP,
                      "tier-0",
                      "1111111111111111111111111111111111111111",
                      "2222222222222222222222222222222222222222")));
      case COMMIT_FAILED ->
          new CommitFailed(
              SYSTEM,
              "tier-0",
              List.of(new ShopSetRef("shops-eu", "eu-1", 7)),
              "AuthenticationFailed",
              "The system repository refused the credentials in Secret git-system");
      case RENDER_REFUSED ->
          new RenderRefused(
              SYSTEM,
              "tier-0",
              List.of(new ShopSetRef("shops-eu", "eu-1", 7)),
              "InvalidDesiredState",
              "spec.env[0].value: is longer than 32768 characters");
      case ROLLOUT_STARTED -> new RolloutStarted(rollout(), replicas(0));
      case ROLLOUT_PROGRESSING -> new RolloutProgressing(rollout(), replicas(2));
      case ROLLOUT_SUCCEEDED ->
          new RolloutSucceeded(rollout(), replicas(3), T0.plusSeconds(95), 95_000);
      case ROLLOUT_FAILED ->
          new RolloutFailed(
              rollout(),
              replicas(1),
              T0.plusSeconds(600),
              600_000,
              "ProgressDeadlineExceeded",
              "ReplicaSet \"web-7d9\" has timed out progressing.");
      case ROLLOUT_ROLLED_BACK ->
          new RolloutRolledBack(rollout(), replicas(3), 4, T0.plusSeconds(30), 30_000);
      case PROMOTION_REQUESTED ->
          new PromotionRequested(
              "promote-tier-0-42",
              1,
              "tier-0",
              "tier-1",
              APP,
              "tier-0",
              "tier-1",
              "5555555555555555555555555555555555555555",
              false);
      case PROMOTION_RESULT ->
          new PromotionResult(
              "promote-tier-0-42",
              1,
              APP,
              "tier-0",
              "tier-1",
              PromotionResult.Outcome.SUCCEEDED,
              "4444444444444444444444444444444444444444",
              null,
              "tier-1 fast-forwarded to tier-0's head",
              "3333333333333333333333333333333333333333");
      case PROMOTION_APPROVAL_STATE ->
          new PromotionApprovalState(
              null,
              "promote-tier-0-42",
              1,
              "tier-0",
              "tier-1",
              "5555555555555555555555555555555555555555",
              false,
              "alice",
              2,
              List.of(new Approval("bob", Approval.VIA_SLACK, T0.plusSeconds(60), "looks good")),
              null,
              null,
              PromotionApprovalState.State.PENDING_APPROVAL,
              T0.plus(java.time.Duration.ofHours(24)),
              "approved by bob (slack), 1 of 2");
      case APPROVAL_ACTION_REQUESTED ->
          new ApprovalActionRequested(
              ApprovalActionRequested.Action.APPROVE,
              null,
              "promote-tier-0-42",
              null,
              null,
              "bob",
              List.of("release-managers"),
              "U024BE7LH",
              "1700000000.000100/13345224609.738474920",
              "looks good",
              T0.plusSeconds(60));
    };
  }

  public static ShopSetDesired desired() {
    ShopSetDesired.Spec spec =
        new ShopSetDesired.Spec(
            "tier-0",
            "standard",
            List.of("shop-a", "shop-b"),
            3,
            new ShopSetDesired.Resources(
                new ShopSetDesired.Quantities("250m", "256Mi"),
                new ShopSetDesired.Quantities("1", "512Mi")),
            List.of(new ShopSetDesired.EnvVar("FEATURE_X", "on")),
            false,
            new ShopSetDesired.FailureDomain(List.of("eu-west-1a", "eu-west-1b"), "eu-cluster"),
            false,
            10);
    return new ShopSetDesired(
        "shops-eu",
        "eu-1",
        7,
        new TreeMap<>(Map.of("shopset.dev/slack-channel", "#shops-eu")),
        spec,
        new ShopSetDesired.TierState(
            "tier-0",
            0,
            "tier-0",
            new ShopSetDesired.Repository(APP, "deploy/base"),
            new ShopSetDesired.Repository(SYSTEM, null),
            "tier-1",
            List.of("eu-cluster"),
            false),
        new ShopSetDesired.ConfigurationState(
            "standard",
            new ShopSetDesired.Repository(
                "https://git.example.com/shop/config.git", "components/standard")));
  }

  private static Rollout rollout() {
    return new Rollout(
        "shops-eu",
        "web",
        "eu-1",
        "tier-0",
        5,
        new TreeMap<>(Map.of("web", "registry.example.com/shop/web:1.4.2")),
        new TreeMap<>(Map.of("web", "registry.example.com/shop/web:1.5.0")),
        "#shops-eu",
        T0);
  }

  private static ReplicaCounts replicas(int updated) {
    return new ReplicaCounts(3, updated, updated, updated, 3 - updated);
  }
}
