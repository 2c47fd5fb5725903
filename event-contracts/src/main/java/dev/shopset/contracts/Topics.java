package dev.shopset.contracts;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
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

  /**
   * Promotion approvals: where each Promotion stands (watcher) and approve, reject, promote and
   * roll back actions from Slack (notifier); keyed {@code namespace/promotion}.
   */
  public static final String APPROVALS = "shopset.approvals";

  /** Slack message ids per rollout, owned by the notifier; compacted, keyed by rollout id. */
  public static final String NOTIFIER_MESSAGES = "shopset.notifier.messages";

  private static final String DEAD_LETTER_SUFFIX = ".dlq";
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

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

  /** Kafka's default {@code max.message.bytes}, which ShopSet's topics keep: the largest record. */
  public static final int MAX_MESSAGE_BYTES = 1_048_588;

  /**
   * One topic: its name, what its key is, how it is kept, its default partition count and its
   * retention.
   *
   * @param retention for a {@code delete} topic how long a record is kept ({@code retention.ms});
   *     for a {@code compact} topic, whose latest record per key stays for good, how long a
   *     tombstone is kept before compaction drops the key ({@code delete.retention.ms})
   */
  public record Topic(
      String name, String key, Cleanup cleanup, int partitions, Duration retention) {

    /** The Kafka topic settings that are part of the contract. */
    public SortedMap<String, String> config() {
      SortedMap<String, String> config = new TreeMap<>();
      config.put("cleanup.policy", cleanup.policy());
      config.put(
          cleanup == Cleanup.COMPACT ? "delete.retention.ms" : "retention.ms",
          Long.toString(retention.toMillis()));
      return config;
    }

    /** Whether this is a dead-letter topic. */
    public boolean deadLetter() {
      return name.endsWith(DEAD_LETTER_SUFFIX);
    }
  }

  /** Every topic ShopSet uses, dead-letter topics included. */
  public static final List<Topic> ALL = all();

  private Topics() {}

  /** The dead-letter topic of a consumed topic: records that could not be processed, with why. */
  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }

  private static List<Topic> all() {
    List<Topic> main =
        List.of(
            new Topic(DESIRED, "namespace/name", Cleanup.COMPACT, 6, DAY),
            new Topic(RENDERS, "systemRepository#branch", Cleanup.DELETE, 6, WEEK),
            new Topic(SOURCES, "repository#branch", Cleanup.DELETE, 3, WEEK),
            new Topic(COMMITS, "systemRepository#branch", Cleanup.DELETE, 3, WEEK),
            new Topic(ROLLOUTS, "namespace/deployment", Cleanup.DELETE, 6, WEEK),
            new Topic(PROMOTIONS, "appRepository#toBranch", Cleanup.DELETE, 3, WEEK),
            new Topic(PROMOTION_RESULTS, "appRepository#toBranch", Cleanup.DELETE, 3, WEEK),
            new Topic(APPROVALS, "namespace/promotion", Cleanup.DELETE, 3, WEEK),
            new Topic(NOTIFIER_MESSAGES, "rollout id", Cleanup.COMPACT, 6, DAY));
    Stream<Topic> deadLetters =
        main.stream()
            .filter(t -> !t.name().equals(NOTIFIER_MESSAGES))
            .map(t ->
                new Topic(deadLetter(t.name()), t.key(), Cleanup.DELETE, 1, DEAD_LETTER_RETENTION));
    return Stream.concat(main.stream(), deadLetters).toList();
  }
}
