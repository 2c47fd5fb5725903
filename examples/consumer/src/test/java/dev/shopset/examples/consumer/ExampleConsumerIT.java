package dev.shopset.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.EventSamples;
import dev.shopset.contracts.EventType;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example consumer against a real broker holding one event of every type, plus what a consumer
 * must get past: a type it does not know, a tombstone, an unreadable record, a dead letter.
 */
class ExampleConsumerIT {

  private static final String UNKNOWN_TYPE = "dev.shopset.commit-pushed.v2";
  private static String servers;

  @BeforeAll
  static void publish() throws Exception {
    servers = EmbeddedKafkaBroker.shared().bootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      List<NewTopic> topics =
          Topics.ALL.stream()
              .map(t ->
                  new NewTopic(t.name(), Math.min(t.partitions(), 2), (short) 1)
                      .configs(Map.of("cleanup.policy", t.cleanup().policy())))
              .toList();
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      // Before the commit-pushed event, on its key (so its partition): the reader must get past
      // a type it does not know and a record it cannot read to reach it.
      var pushed =
          CloudEvent.of(
              "/shopset/git-pusher", EventSamples.of(EventType.COMMIT_PUSHED), EventSamples.T0);
      producer.send(record(Topics.COMMITS, pushed, UNKNOWN_TYPE, "{\"whatever\":1}")).get();
      producer.send(record(Topics.COMMITS, pushed, EventType.COMMIT_PUSHED.type(), "{")).get();
      for (EventType type : EventType.values()) {
        var event = CloudEvent.of("/shopset/test", EventSamples.of(type), EventSamples.T0);
        var headers = new RecordHeaders();
        byte[] body = EventCodec.encode(event, headers);
        producer.send(new ProducerRecord<>(type.topic(), null, event.key(), body, headers)).get();
      }
      producer.send(new ProducerRecord<>(Topics.DESIRED, "shops-eu/eu-1", null)).get();
      var dead =
          record(
              Topics.deadLetter(Topics.ROLLOUTS),
              pushed,
              EventType.ROLLOUT_STARTED.type(),
              "not JSON");
      dead.headers()
          .add(Topics.DEAD_LETTER_REASON, "channel_not_found".getBytes(StandardCharsets.UTF_8));
      producer.send(dead).get();
    }
  }

  @Test
  void readsOneEventOfEveryTypeAndGetsPastWhatItCannotRead() {
    List<String> lines = new ArrayList<>();
    Summary summary;
    try (TopicReader reader =
        new TopicReader(servers, Options.eventAndDeadLetterTopics(), lines::add)) {
      summary = reader.readToEnd(Duration.ofMinutes(2));
    }

    Map<String, Long> everyTypeOnce =
        Arrays.stream(EventType.values()).collect(Collectors.toMap(EventType::type, t -> 1L));
    assertThat(summary.events()).isEqualTo(everyTypeOnce);
    assertThat(summary.skipped()).isEqualTo(Map.of(UNKNOWN_TYPE, 1L));
    assertThat(summary.unreadable()).isEqualTo(1);
    assertThat(summary.tombstones()).isEqualTo(1);
    assertThat(summary.deadLetters()).isEqualTo(1);
    assertThat(summary.missingTopics()).isEmpty();
    for (EventType type : EventType.values()) {
      assertThat(lines)
          .as("a line for %s", type)
          .anyMatch(l -> l.contains(" " + type.type() + " "));
    }
    assertThat(lines)
        .anyMatch(l ->
            l.startsWith("shopset.commits[")
                && l.contains("UNREADABLE")
                && l.contains("not valid JSON"))
        .anyMatch(l -> l.contains("skipped " + UNKNOWN_TYPE))
        .anyMatch(l ->
            l.startsWith("shopset.rollouts.dlq[0]@0 dead letter")
                && l.contains("channel_not_found"));
  }

  @Test
  void theCommandLinePrintsALinePerEventAndASummary() {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status =
        ExampleConsumer.run(
            new String[] {"--bootstrap-servers", servers, "--topics", Topics.ROLLOUTS},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    long rolloutTypes =
        Arrays.stream(EventType.values()).filter(t -> t.topic().equals(Topics.ROLLOUTS)).count();
    assertThat(printed.lines().filter(l -> l.startsWith("shopset.rollouts[")))
        .hasSize((int) rolloutTypes);
    assertThat(printed).contains("# " + rolloutTypes + " event(s)");
  }

  @Test
  void aTopicThatDoesNotExistIsReportedAndNotCreated() {
    List<String> lines = new ArrayList<>();
    try (TopicReader reader =
        new TopicReader(servers, List.of("shopset.nothing-here"), lines::add)) {
      assertThat(reader.readToEnd(Duration.ofSeconds(60)).missingTopics())
          .containsExactly("shopset.nothing-here");
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      assertThat(admin.listTopics().names().toCompletionStage().toCompletableFuture().join())
          .doesNotContain("shopset.nothing-here");
    }
  }

  /** A record with {@code event}'s key and headers, but another type and body. */
  private static ProducerRecord<String, byte[]> record(
      String topic, CloudEvent<?> event, String type, String body) {
    var headers = new RecordHeaders();
    EventCodec.encode(event, headers);
    headers.remove(EventCodec.H_TYPE);
    headers.add(EventCodec.H_TYPE, type.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        topic, null, event.key(), body.getBytes(StandardCharsets.UTF_8), headers);
  }
}
