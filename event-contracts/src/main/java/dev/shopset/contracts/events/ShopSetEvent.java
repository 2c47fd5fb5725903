package dev.shopset.contracts.events;

/**
 * Every event ShopSet publishes. Each is a CloudEvents 1.0 event in Kafka binary mode; see {@link
 * dev.shopset.contracts.EventType} for the type, topic and schema of each record.
 */
public sealed interface ShopSetEvent
    permits DesiredStateEvent,
        RenderEvent,
        PinEvent,
        SourceEvent,
        CommitEvent,
        RolloutEvent,
        PromotionEvent,
        ApprovalEvent {

  /** The CloudEvents {@code subject}: what the event is about, e.g. {@code shop-a/eu-1}. */
  String subject();

  /** The Kafka record key, which decides ordering. */
  String key();
}
