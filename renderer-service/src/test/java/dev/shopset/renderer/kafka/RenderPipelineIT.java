package dev.shopset.renderer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker: good, hostile, foreign and oversized records on {@code shopset.desired};
 * renders, parked Applications and removals come out on {@code shopset.renders}, the rest on the
 * DLQ with a reason, and refusals on {@code shopset.commits} for status, in order.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RenderPipelineIT {

  private static final String SYSTEM = "https://git.example.com/platform/system.git";

  @Test
  void rendersGoodRecordsAndDeadLettersTheRest() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String first = "first-" + run;
    String hostile = "../" + run;
    String last = "last-" + run;
    try (KafkaProducer<String, byte[]> producer = producer()) {
      send(producer, desired(first));
      send(producer, desired(hostile));
      RecordHeaders foreign = new RecordHeaders();
      // A schema version this renderer does not know.
      EventCodec.encode(CloudEvent.of("/test", desired("foreign-" + run), Instant.now()), foreign);
      foreign.remove(EventCodec.H_TYPE);
      foreign.add(
          EventCodec.H_TYPE, "dev.shopset.shopset-desired.v2".getBytes(StandardCharsets.UTF_8));
      producer.send(
          new ProducerRecord<>(
              Topics.DESIRED, 0, "shops/foreign-" + run, "{}".getBytes(), foreign));
      producer.send(new ProducerRecord<>(Topics.DESIRED, 0, "shops/" + first, null));
      send(producer, new ShopSetDeleted("shops", first, SYSTEM, "dev"));
      send(producer, new ShopSetMoved("shops", "moved-" + run, 7, "dev", SYSTEM, "dev", "prod"));
      send(producer, desired(last));
      producer.flush();
    }

    // Everything on partition 0, so the bad records really sit between the good ones.
    List<TopicTail.Seen> renders;
    List<TopicTail.Seen> dead;
    List<TopicTail.Seen> refusals;
    try (TopicTail tail =
        new TopicTail(Topics.RENDERS, Topics.deadLetter(Topics.DESIRED), Topics.COMMITS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> {
            assertThat(ofRun(tail, Topics.RENDERS, run)).hasSize(4);
            assertThat(ofRun(tail, Topics.deadLetter(Topics.DESIRED), run)).hasSize(2);
            assertThat(ofRun(tail, Topics.COMMITS, run)).hasSize(1);
          });
      renders = ofRun(tail, Topics.RENDERS, run);
      dead = new ArrayList<>(ofRun(tail, Topics.deadLetter(Topics.DESIRED), run));
      refusals = ofRun(tail, Topics.COMMITS, run);
    }

    List<ShopSetEvent> events =
        renders.stream().map(r -> EventCodec.decode(r.headers(), r.value()).data()).toList();
    assertThat(renders).allSatisfy(r -> assertThat(r.key()).isEqualTo(SYSTEM + "#dev"));
    assertThat(events.get(0)).isInstanceOf(RenderResult.class);
    RenderResult result = (RenderResult) events.get(0);
    assertThat(result.name()).isEqualTo(first);
    assertThat(result.files())
        .containsKeys(
            "shopsets/shops/" + first + "/kustomization.yaml", "apps/shops/" + first + ".yaml");
    assertThat(result.shared()).containsOnlyKeys(RenderResult.PROJECT_FILE);
    assertThat(EventCodec.value(renders.get(0).headers(), EventCodec.H_SOURCE))
        .isEqualTo("/shopset/renderer");
    assertThat(events.get(1)).isInstanceOf(RenderRemoval.class);
    assertThat(((RenderRemoval) events.get(1)).directory()).isEqualTo("shopsets/shops/" + first);
    RenderResult parked = (RenderResult) events.get(2);
    assertThat(parked.files().keySet())
        .as("a move leaves only the parked Application on the old branch")
        .containsExactly("apps/shops/moved-" + run + ".yaml");
    assertThat(parked.files().values().iterator().next())
        .contains("shopset.dev/moved-to: prod")
        .doesNotContain("finalizers");
    assertThat(((RenderResult) events.get(3)).name())
        .as("the stream keeps flowing after bad records")
        .isEqualTo(last);

    RenderRefused refused =
        (RenderRefused)
            EventCodec.decode(refusals.get(0).headers(), refusals.get(0).value()).data();
    assertThat(refusals.get(0).key()).isEqualTo(SYSTEM + "#dev");
    assertThat(refused.shopSets()).containsExactly(new ShopSetRef("shops", hostile, 1));
    assertThat(refused.reason()).isEqualTo("InvalidDesiredState");
    assertThat(refused.message()).startsWith("name: ");

    dead.sort(java.util.Comparator.comparing(TopicTail.Seen::key));
    assertThat(dead.get(0).key()).isEqualTo("shops/" + hostile);
    assertThat(header(dead.get(0), Topics.DEAD_LETTER_REASON)).startsWith("name: ");
    assertThat(header(dead.get(0), RenderPublisher.DEAD_LETTER_PROBLEM))
        .isEqualTo("InvalidDesiredState");
    assertThat(dead.get(1).key()).isEqualTo("shops/foreign-" + run);
    assertThat(header(dead.get(1), Topics.DEAD_LETTER_REASON))
        .contains("dev.shopset.shopset-desired.v2");
    assertThat(header(dead.get(1), RenderPublisher.DEAD_LETTER_PROBLEM)).isEqualTo("UNKNOWN_TYPE");
    assertThat(header(dead.get(1), "dead-letter-topic")).isEqualTo(Topics.DESIRED);
    assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{}");

    String metrics =
        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .as("renders, failures by reason, duration and dead letters are counted")
        .containsPattern("(?m)^shopset_renderer_renders_total [1-9]")
        .containsPattern(
            "(?m)^shopset_renderer_failures_total\\{reason=\"InvalidDesiredState\"} [1-9]")
        .containsPattern("(?m)^shopset_renderer_failures_total\\{reason=\"Undecodable\"} [1-9]")
        .containsPattern("(?m)^shopset_renderer_render_duration_seconds_bucket\\{le=\"0\\.005\"}")
        .containsPattern(
            "(?m)^shopset_dead_letters_total\\{reason=\"UNKNOWN_TYPE\",topic=\"shopset.desired\"} [1-9]");
  }

  /**
   * Records arrive a poll at a time and are sent without waiting for each acknowledgement; the
   * renders must still leave in the order the desired states came in (one branch, one partition).
   */
  @Test
  void manyRecordsAtOnceComeOutInTheirOrder() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      names.add("o%04d-%s".formatted((i * 7919) % 1200, run));
    }
    try (KafkaProducer<String, byte[]> producer = producer()) {
      names.forEach(name -> send(producer, desired(name)));
      producer.flush();
    }
    List<TopicTail.Seen> renders;
    try (TopicTail tail = new TopicTail(Topics.RENDERS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(ofRun(tail, Topics.RENDERS, run)).hasSize(names.size()));
      renders = ofRun(tail, Topics.RENDERS, run);
    }
    assertThat(
            renders.stream()
                .map(r -> ((RenderResult) EventCodec.decode(r.headers(), r.value()).data()).name())
                .toList())
        .containsExactlyElementsOf(names);
  }

  /**
   * A ShopSet whose render cannot fit in a Kafka record (100 env values of 32 KiB, the most the CRD
   * allows) is refused with RenderTooLarge, dead-lettered without its value, and does not hold up
   * the ShopSets after it.
   */
  @Test
  void anOversizedRenderIsRefusedAndTheNextShopSetsKeepFlowing() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String big = "big-" + run;
    String after = "after-" + run;
    List<ShopSetDesired.EnvVar> env = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      // Quotes double when written as YAML and again as JSON: escaping grows the render.
      env.add(new ShopSetDesired.EnvVar("VALUE_" + i, "\"x".repeat(16384)));
    }
    ShopSetDesired sample = desired(big);
    ShopSetDesired.Spec s = sample.spec();
    ShopSetDesired oversized =
        new ShopSetDesired(
            sample.namespace(),
            big,
            2,
            sample.annotations(),
            new ShopSetDesired.Spec(
                s.tier(), s.configuration(), s.shops(), null, null, env, null, null, null, null),
            sample.tier(),
            sample.configuration());
    // The watcher's own limits are its business: this producer compresses, so the broker takes it.
    try (KafkaProducer<String, byte[]> producer =
        producer(
            Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                "67108864"))) {
      send(producer, oversized);
      send(producer, desired(after));
      producer.flush();
    }
    List<TopicTail.Seen> renders;
    List<TopicTail.Seen> dead;
    List<TopicTail.Seen> refusals;
    try (TopicTail tail =
        new TopicTail(Topics.RENDERS, Topics.deadLetter(Topics.DESIRED), Topics.COMMITS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> {
            assertThat(ofRun(tail, Topics.RENDERS, run)).hasSize(1);
            assertThat(ofRun(tail, Topics.deadLetter(Topics.DESIRED), run)).hasSize(1);
            assertThat(ofRun(tail, Topics.COMMITS, run)).hasSize(1);
          });
      renders = ofRun(tail, Topics.RENDERS, run);
      dead = new ArrayList<>(ofRun(tail, Topics.deadLetter(Topics.DESIRED), run));
      refusals = ofRun(tail, Topics.COMMITS, run);
    }
    assertThat(
            ((RenderResult)
                    EventCodec.decode(renders.get(0).headers(), renders.get(0).value()).data())
                .name())
        .isEqualTo(after);
    RenderRefused refused =
        (RenderRefused)
            EventCodec.decode(refusals.get(0).headers(), refusals.get(0).value()).data();
    assertThat(refused.reason()).isEqualTo("RenderTooLarge");
    assertThat(refused.shopSets()).containsExactly(new ShopSetRef("shops", big, 2));
    assertThat(refused.message()).startsWith("spec.env: ").contains("max-record-bytes");
    assertThat(dead.get(0).key()).isEqualTo("shops/" + big);
    assertThat(header(dead.get(0), RenderPublisher.DEAD_LETTER_PROBLEM))
        .isEqualTo("RenderTooLarge");
    assertThat(header(dead.get(0), RenderPublisher.DEAD_LETTER_VALUE_OMITTED)).isNotBlank();
  }

  private static ShopSetDesired desired(String name) {
    return dev.shopset.renderer.Samples.desired("shops", name, SYSTEM);
  }

  private static void send(KafkaProducer<String, byte[]> producer, DesiredStateEvent event) {
    CloudEvent<DesiredStateEvent> cloudEvent = CloudEvent.of("/test", event, Instant.now());
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(cloudEvent, headers);
    producer.send(new ProducerRecord<>(Topics.DESIRED, 0, cloudEvent.key(), body, headers));
  }

  /** The records of {@code topic} that belong to this run (by key, subject or body). */
  private static List<TopicTail.Seen> ofRun(TopicTail tail, String topic, String run) {
    return tail.records(topic).stream()
        .filter(record -> {
          String subject = record.header(EventCodec.H_SUBJECT);
          String key = record.key() == null ? "" : record.key();
          // Refusals are keyed by branch: the ShopSet's name is only in the body.
          String body =
              record.value() == null || record.value().length > 100_000
                  ? ""
                  : new String(record.value(), StandardCharsets.UTF_8);
          return key.contains(run)
              || (subject != null && subject.contains(run))
              || body.contains(run);
        })
        .toList();
  }

  private static String header(TopicTail.Seen record, String name) {
    return record.header(name);
  }

  private static KafkaProducer<String, byte[]> producer() {
    return producer(Map.of());
  }

  private static KafkaProducer<String, byte[]> producer(Map<String, Object> extra) {
    Map<String, Object> config = new java.util.HashMap<>(extra);
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
