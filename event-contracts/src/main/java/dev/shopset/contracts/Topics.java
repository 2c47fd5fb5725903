package dev.shopset.contracts;

import java.util.List;
import java.util.stream.Stream;

/** The Kafka topics of ShopSet, their keys and retention, and their dead-letter topics. */
public final class Topics {

  /** Desired state per ShopSet; compacted, keyed {@code namespace/name}. */
  public static final String DESIRED = "shopset.desired";

  /**
   * Render results and pin requests: all work for a system branch; keyed {@code
   * systemRepository#branch}.
   */
  public static final String RENDERS = "shopset.renders";

  /** New heads of app and configuration branches; keyed {@code repository#branch}. */
  public static final String SOURCES = "shopset.sources";

  /** Commits pushed or failed, renders refused; keyed {@code systemRepository#branch}. */
  public static final String COMMITS = "shopset.commits";

  /** Deployment rollouts; keyed {@code namespace/deployment}. */
  public static final String ROLLOUTS = "shopset.rollouts";

  /** Promotion requests; keyed {@code appRepository#toBranch}. */
  public static final String PROMOTIONS = "shopset.promotions";

  /** Promotion results; keyed {@code appRepository#toBranch}. */
  public static final String PROMOTION_RESULTS = "shopset.promotion-results";

  /** Slack message ids per rollout, owned by the notifier; compacted, keyed by rollout id. */
  public static final String NOTIFIER_MESSAGES = "shopset.notifier.messages";

  /** Header of a dead-letter record that says why it could not be processed. */
  public static final String DEAD_LETTER_REASON = "dead-letter-reason";

  /** How a topic is kept. */
  public enum Cleanup {
    DELETE,
    COMPACT;

    public String policy() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One topic: its name, what its key is, how it is kept and its default partition count. */
  public record Topic(String name, String key, Cleanup cleanup, int partitions) {}

  /** Every topic ShopSet uses, dead-letter topics included. */
  public static final List<Topic> ALL = all();

  private Topics() {}

  /** The dead-letter topic of a consumed topic: records that could not be processed, with why. */
  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }

  private static List<Topic> all() {
    List<Topic> main =
        List.of(
            new Topic(DESIRED, "namespace/name", Cleanup.COMPACT, 6),
            new Topic(RENDERS, "systemRepository#branch", Cleanup.DELETE, 6),
            new Topic(SOURCES, "repository#branch", Cleanup.DELETE, 3),
            new Topic(COMMITS, "systemRepository#branch", Cleanup.DELETE, 3),
            new Topic(ROLLOUTS, "namespace/deployment", Cleanup.DELETE, 6),
            new Topic(PROMOTIONS, "appRepository#toBranch", Cleanup.DELETE, 3),
            new Topic(PROMOTION_RESULTS, "appRepository#toBranch", Cleanup.DELETE, 3),
            new Topic(NOTIFIER_MESSAGES, "rollout id", Cleanup.COMPACT, 6));
    Stream<Topic> deadLetters =
        main.stream()
            .filter(t -> !t.name().equals(NOTIFIER_MESSAGES))
            .map(t -> new Topic(deadLetter(t.name()), t.key(), Cleanup.DELETE, 1));
    return Stream.concat(main.stream(), deadLetters).toList();
  }
}
