package dev.shopset.examples.consumer;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to read: the Kafka bootstrap servers, the topics, whether to stop at the end of what the
 * topics hold now or keep following them, and further Kafka client settings (TLS, SASL) from a
 * file.
 */
public record Options(
    String bootstrapServers,
    List<String> topics,
    boolean follow,
    Map<String, String> clientSettings) {

  static final String USAGE =
      """
      Reads ShopSet's topics from the beginning and prints one line per event.

      Options:
        --bootstrap-servers HOST:PORT[,...]  Kafka to read (default: $KAFKA_BOOTSTRAP_SERVERS,
                                             else localhost:9092)
        --topics T1,T2,...                   topics to read (default: every ShopSet topic)
        --dead-letters                       also read the dead-letter topics (<topic>.dlq)
        --follow                             keep reading new records; default: stop at the end
                                             of what the topics hold when it starts
        --consumer-config FILE               Kafka client settings (properties), e.g. for a
                                             Strimzi KafkaUser: security.protocol=SASL_SSL,
                                             sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=...,
                                             ssl.truststore.type=PEM, ssl.truststore.location=...
        --help                               print this
      """;

  public Options {
    topics = List.copyOf(topics);
    clientSettings = Map.copyOf(clientSettings);
  }

  /** Without further client settings. */
  public Options(String bootstrapServers, List<String> topics, boolean follow) {
    this(bootstrapServers, topics, follow, Map.of());
  }

  /** Every setting of the consumer: the file's, then the bootstrap servers. */
  public Map<String, Object> consumerSettings() {
    Map<String, Object> settings = new java.util.HashMap<>(clientSettings);
    settings.put("bootstrap.servers", bootstrapServers);
    return settings;
  }

  /** Every public ShopSet topic, i.e. every topic an event type is published on, in order. */
  public static List<String> eventTopics() {
    Set<String> topics = new LinkedHashSet<>();
    for (Topics.Topic topic : Topics.ALL) {
      if (Arrays.stream(EventType.values()).anyMatch(t -> t.topic().equals(topic.name()))) {
        topics.add(topic.name());
      }
    }
    return List.copyOf(topics);
  }

  /** {@link #eventTopics()} followed by their dead-letter topics. */
  public static List<String> eventAndDeadLetterTopics() {
    List<String> topics = new ArrayList<>(eventTopics());
    eventTopics().forEach(t -> topics.add(Topics.deadLetter(t)));
    return topics;
  }

  /**
   * Reads the command line.
   *
   * @throws IllegalArgumentException with what is wrong and the usage
   */
  public static Options parse(String[] args, Map<String, String> environment) {
    String servers = environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    List<String> topics = null;
    boolean deadLetters = false;
    boolean follow = false;
    Map<String, String> clientSettings = Map.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap-servers" -> servers = value(args, ++i, "--bootstrap-servers");
        case "--topics" ->
            topics =
                Arrays.stream(value(args, ++i, "--topics").split(","))
                    .map(String::trim)
                    .filter(t -> !t.isEmpty())
                    .toList();
        case "--dead-letters" -> deadLetters = true;
        case "--follow" -> follow = true;
        case "--consumer-config" ->
            clientSettings = readSettings(value(args, ++i, "--consumer-config"));
        default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n\n" + USAGE);
      }
    }
    if (topics == null) {
      topics = deadLetters ? eventAndDeadLetterTopics() : eventTopics();
    } else if (deadLetters) {
      List<String> withDeadLetters = new ArrayList<>(topics);
      topics.forEach(t -> withDeadLetters.add(Topics.deadLetter(t)));
      topics = withDeadLetters;
    }
    return new Options(servers, topics, follow, clientSettings);
  }

  private static Map<String, String> readSettings(String file) {
    java.util.Properties properties = new java.util.Properties();
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
      properties.load(in);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Cannot read --consumer-config " + file + ": " + e);
    }
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    return settings;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value\n\n" + USAGE);
    }
    return args[i];
  }
}
