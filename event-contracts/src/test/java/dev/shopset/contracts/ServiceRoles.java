package dev.shopset.contracts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which ShopSet service sends each event type and which reads each topic: the operations of the
 * AsyncAPI document. A new event type or topic needs its line here (the generator says so).
 */
final class ServiceRoles {

  static final String WATCHER = "watcher";
  static final String RENDERER = "renderer";
  static final String GIT_PUSHER = "git-pusher";
  static final String NOTIFIER = "notifier";

  /** A service reading a topic: its consumer group (null: no group, reads it like a table). */
  record Receiver(String service, String group, String how) {}

  private static final Map<EventType, String> PRODUCERS = new EnumMap<>(EventType.class);

  static {
    PRODUCERS.put(EventType.SHOPSET_DESIRED, WATCHER);
    PRODUCERS.put(EventType.SHOPSET_DELETED, WATCHER);
    PRODUCERS.put(EventType.SHOPSET_MOVED, WATCHER);
    PRODUCERS.put(EventType.RENDER_RESULT, RENDERER);
    PRODUCERS.put(EventType.RENDER_REMOVAL, RENDERER);
    PRODUCERS.put(EventType.PIN_REQUESTED, GIT_PUSHER);
    PRODUCERS.put(EventType.SOURCE_CHANGED, GIT_PUSHER);
    PRODUCERS.put(EventType.COMMIT_PUSHED, GIT_PUSHER);
    PRODUCERS.put(EventType.COMMIT_FAILED, GIT_PUSHER);
    PRODUCERS.put(EventType.RENDER_REFUSED, RENDERER);
    PRODUCERS.put(EventType.ROLLOUT_STARTED, WATCHER);
    PRODUCERS.put(EventType.ROLLOUT_PROGRESSING, WATCHER);
    PRODUCERS.put(EventType.ROLLOUT_SUCCEEDED, WATCHER);
    PRODUCERS.put(EventType.ROLLOUT_FAILED, WATCHER);
    PRODUCERS.put(EventType.ROLLOUT_ROLLED_BACK, WATCHER);
    PRODUCERS.put(EventType.PROMOTION_REQUESTED, WATCHER);
    PRODUCERS.put(EventType.PROMOTION_RESULT, GIT_PUSHER);
    PRODUCERS.put(EventType.PROMOTION_APPROVAL_STATE, WATCHER);
    PRODUCERS.put(EventType.APPROVAL_ACTION_REQUESTED, NOTIFIER);
  }

  private static final Map<String, List<Receiver>> RECEIVERS =
      Map.of(
          Topics.DESIRED,
          List.of(
              new Receiver(
                  RENDERER,
                  "shopset-renderer",
                  "Renders every desired state; what it cannot render goes to the dead-letter"
                      + " topic, with a render-refused event on shopset.commits."),
              new Receiver(
                  GIT_PUSHER,
                  null,
                  "Reads the whole topic like a table (every partition, no group, nothing"
                      + " committed) to learn each Tier's branches."),
              new Receiver(
                  WATCHER,
                  null,
                  "Reads the whole topic like a table to learn where each ShopSet was last"
                      + " placed.")),
          Topics.RENDERS,
          List.of(
              new Receiver(
                  GIT_PUSHER,
                  "shopset-git-pusher",
                  "Applies renders and pins to its working clone of the branch, commits in"
                      + " batches and pushes.")),
          Topics.SOURCES,
          List.of(
              new Receiver(
                  GIT_PUSHER,
                  "shopset-git-pusher",
                  "Routes each new head to the system branches that pin it (as pin-requested"
                      + " on shopset.renders).")),
          Topics.COMMITS,
          List.of(new Receiver(WATCHER, "watcher-service", "Writes the ShopSets' status.")),
          Topics.ROLLOUTS,
          List.of(
              new Receiver(
                  NOTIFIER,
                  "notifier-service",
                  "Posts and updates one Slack message per rollout.")),
          Topics.PROMOTIONS,
          List.of(
              new Receiver(
                  GIT_PUSHER,
                  "shopset-git-pusher",
                  "Moves the target branch and answers on shopset.promotion-results.")),
          Topics.PROMOTION_RESULTS,
          List.of(new Receiver(WATCHER, "watcher-service", "Writes the Promotions' status.")),
          Topics.APPROVALS,
          List.of(
              new Receiver(
                  WATCHER,
                  "watcher-service",
                  "Checks each approval-action-requested against the Tier's promotion policy and"
                      + " carries it out or refuses it (in the next promotion-approval-state)."),
              new Receiver(
                  NOTIFIER,
                  "notifier-service",
                  "Posts and updates one Slack message per Promotion from its"
                      + " promotion-approval-state.")),
          Topics.NOTIFIER_MESSAGES,
          List.of(
              new Receiver(
                  NOTIFIER,
                  null,
                  "Reads the whole topic at start, then tails it, to know the Slack messages"
                      + " of every rollout.")));

  /** Of each consumed topic, the service that writes its dead letters. */
  private static final Map<String, String> DEAD_LETTER_WRITERS =
      Map.of(
          Topics.DESIRED, RENDERER,
          Topics.RENDERS, GIT_PUSHER,
          Topics.SOURCES, GIT_PUSHER,
          Topics.COMMITS, WATCHER,
          Topics.ROLLOUTS, NOTIFIER,
          Topics.PROMOTIONS, GIT_PUSHER,
          Topics.PROMOTION_RESULTS, WATCHER,
          Topics.APPROVALS, WATCHER);

  private ServiceRoles() {}

  /** The service that sends {@code type}. */
  static String producer(EventType type) {
    String service = PRODUCERS.get(type);
    if (service == null) {
      throw new IllegalStateException(
          "Which service sends " + type.type() + "? Add it to ServiceRoles.PRODUCERS");
    }
    return service;
  }

  /** The {@code ce_source} that service writes by default. */
  static String source(EventType type) {
    return "/shopset/" + producer(type);
  }

  /** The services that send message {@code id} to {@code topic}. */
  static List<String> senders(Topics.Topic topic, String id) {
    if (topic.deadLetter()) {
      return List.of(deadLetterWriter(topic));
    }
    if (topic.name().equals(Topics.NOTIFIER_MESSAGES)) {
      return List.of(NOTIFIER);
    }
    return EventType.ofType(id).map(t -> List.of(producer(t))).orElse(List.of(WATCHER));
  }

  /** The ShopSet services that read {@code topic}; none for dead-letter topics (people do). */
  static List<Receiver> receivers(Topics.Topic topic) {
    if (topic.deadLetter()) {
      return List.of();
    }
    List<Receiver> receivers = RECEIVERS.get(topic.name());
    if (receivers == null) {
      throw new IllegalStateException(
          "Which services read " + topic.name() + "? Add it to ServiceRoles.RECEIVERS");
    }
    return receivers;
  }

  /** What a consumer should know about a topic. */
  static String channelDescription(Topics.Topic topic) {
    List<String> parts = new ArrayList<>();
    if (topic.deadLetter()) {
      String original = topic.name().substring(0, topic.name().length() - ".dlq".length());
      parts.add(
          "Dead letters of "
              + original
              + ": the records "
              + deadLetterWriter(topic)
              + " could not process, unchanged, with the reason in the dead-letter-reason"
              + " header. Kept "
              + topic.retention().toDays()
              + " days.");
    } else if (topic.name().equals(Topics.NOTIFIER_MESSAGES)) {
      parts.add("The notifier's memory of its Slack messages. Internal: do not depend on it.");
    } else {
      parts.add("Key: " + topic.key() + "; all events of one key are in order.");
      if (topic.cleanup() == Topics.Cleanup.COMPACT) {
        parts.add(
            "Compacted: the latest record per key stays for good, so a new consumer reads the"
                + " whole state from the beginning; a deletion is followed by a tombstone (a"
                + " null value), kept "
                + topic.retention().toHours()
                + " hours.");
      } else {
        parts.add("Records are kept " + topic.retention().toDays() + " days.");
      }
    }
    return String.join(" ", parts);
  }

  private static String deadLetterWriter(Topics.Topic topic) {
    String original = topic.name().substring(0, topic.name().length() - ".dlq".length());
    String writer = DEAD_LETTER_WRITERS.get(original);
    if (writer == null) {
      throw new IllegalStateException(
          "Which service writes " + topic.name() + "? Add it to ServiceRoles.DEAD_LETTER_WRITERS");
    }
    return writer;
  }
}
