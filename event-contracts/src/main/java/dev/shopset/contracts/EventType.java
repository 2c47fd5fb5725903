package dev.shopset.contracts;

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
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.events.SourceChanged;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type: its CloudEvents {@code type}, record class, topic and JSON Schema. A change of
 * meaning gets a new version (a new constant), never an edit of an existing one.
 */
public enum EventType {
  SHOPSET_DESIRED("shopset-desired", 1, ShopSetDesired.class, Topics.DESIRED),
  SHOPSET_DELETED("shopset-deleted", 1, ShopSetDeleted.class, Topics.DESIRED),
  SHOPSET_MOVED("shopset-moved", 1, ShopSetMoved.class, Topics.DESIRED),
  RENDER_RESULT("render-result", 1, RenderResult.class, Topics.RENDERS),
  RENDER_REMOVAL("render-removal", 1, RenderRemoval.class, Topics.RENDERS),
  PIN_REQUESTED("pin-requested", 1, PinRequested.class, Topics.RENDERS),
  SOURCE_CHANGED("source-changed", 1, SourceChanged.class, Topics.SOURCES),
  COMMIT_PUSHED("commit-pushed", 1, CommitPushed.class, Topics.COMMITS),
  COMMIT_FAILED("commit-failed", 1, CommitFailed.class, Topics.COMMITS),
  RENDER_REFUSED("render-refused", 1, RenderRefused.class, Topics.COMMITS),
  ROLLOUT_STARTED("rollout-started", 1, RolloutStarted.class, Topics.ROLLOUTS),
  ROLLOUT_PROGRESSING("rollout-progressing", 1, RolloutProgressing.class, Topics.ROLLOUTS),
  ROLLOUT_SUCCEEDED("rollout-succeeded", 1, RolloutSucceeded.class, Topics.ROLLOUTS),
  ROLLOUT_FAILED("rollout-failed", 1, RolloutFailed.class, Topics.ROLLOUTS),
  ROLLOUT_ROLLED_BACK("rollout-rolled-back", 1, RolloutRolledBack.class, Topics.ROLLOUTS),
  PROMOTION_REQUESTED("promotion-requested", 1, PromotionRequested.class, Topics.PROMOTIONS),
  PROMOTION_RESULT("promotion-result", 1, PromotionResult.class, Topics.PROMOTION_RESULTS),
  PROMOTION_APPROVAL_STATE(
      "promotion-approval-state", 1, PromotionApprovalState.class, Topics.APPROVALS),
  APPROVAL_ACTION_REQUESTED(
      "approval-action-requested", 1, ApprovalActionRequested.class, Topics.APPROVALS);

  private static final Map<String, EventType> BY_TYPE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, t -> t));
  private static final Map<Class<?>, EventType> BY_CLASS =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

  private final String type;
  private final Class<? extends ShopSetEvent> recordClass;
  private final String topic;

  EventType(String name, int version, Class<? extends ShopSetEvent> recordClass, String topic) {
    this.type = "dev.shopset." + name + ".v" + version;
    this.recordClass = recordClass;
    this.topic = topic;
  }

  /** The CloudEvents type, e.g. {@code dev.shopset.shopset-desired.v1}. */
  public String type() {
    return type;
  }

  public Class<? extends ShopSetEvent> recordClass() {
    return recordClass;
  }

  /** The topic records of this type are published on. */
  public String topic() {
    return topic;
  }

  /**
   * Classpath resource of the JSON Schema, e.g. {@code
   * /schemas/dev.shopset.shopset-desired.v1.json}.
   */
  public String schemaResource() {
    return "/schemas/" + type + ".json";
  }

  /** The URI carried in {@code ce_dataschema}. */
  public String schemaUri() {
    return "https://shopset.dev/schemas/" + type + ".json";
  }

  public static Optional<EventType> ofType(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  public static EventType of(ShopSetEvent event) {
    return BY_CLASS.get(event.getClass());
  }
}
