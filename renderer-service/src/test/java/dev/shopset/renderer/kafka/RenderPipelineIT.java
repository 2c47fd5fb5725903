package dev.shopset.renderer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.kafka.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker: good, hostile and foreign records on {@code shopset.desired}; renders
 * and removals come out on {@code shopset.renders}, the rest on the DLQ with a reason, in order.
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
      send(producer, desired(last));
      producer.flush();
    }

    // Everything on partition 0, so the bad records really sit between the good ones.
    List<ConsumerRecord<String, byte[]>> renders = new ArrayList<>();
    List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> rendersConsumer = consumer(Topics.RENDERS);
        KafkaConsumer<String, byte[]> deadConsumer = consumer(Topics.deadLetter(Topics.DESIRED))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> {
            poll(rendersConsumer, renders, run);
            poll(deadConsumer, dead, run);
            assertThat(renders).hasSize(3);
            assertThat(dead).hasSize(2);
          });
    }

    List<ShopSetEvent> events =
        renders.stream().map(r -> EventCodec.decode(r.headers(), r.value()).data()).toList();
    assertThat(renders).allSatisfy(r -> assertThat(r.key()).isEqualTo(SYSTEM + "#dev"));
    assertThat(events.get(0)).isInstanceOf(RenderResult.class);
    RenderResult result = (RenderResult) events.get(0);
    assertThat(result.name()).isEqualTo(first);
    assertThat(result.files())
        .containsKeys(
            "shopsets/shops/" + first + "/kustomization.yaml", "apps/shops-" + first + ".yaml");
    assertThat(EventCodec.value(renders.get(0).headers(), EventCodec.H_SOURCE))
        .isEqualTo("/shopset/renderer");
    assertThat(events.get(1)).isInstanceOf(RenderRemoval.class);
    assertThat(((RenderRemoval) events.get(1)).directory()).isEqualTo("shopsets/shops/" + first);
    assertThat(((RenderResult) events.get(2)).name())
        .as("the stream keeps flowing after bad records")
        .isEqualTo(last);

    dead.sort(java.util.Comparator.comparing(ConsumerRecord::key));
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
    List<ConsumerRecord<String, byte[]>> renders = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.RENDERS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> {
            poll(consumer, renders, run);
            assertThat(renders).hasSize(names.size());
          });
    }
    assertThat(
            renders.stream()
                .map(r -> ((RenderResult) EventCodec.decode(r.headers(), r.value()).data()).name())
                .toList())
        .containsExactlyElementsOf(names);
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

  private static void poll(
      KafkaConsumer<String, byte[]> consumer,
      List<ConsumerRecord<String, byte[]>> into,
      String run) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      String subject = EventCodec.value(record.headers(), EventCodec.H_SUBJECT);
      String key = record.key() == null ? "" : record.key();
      if (key.contains(run) || (subject != null && subject.contains(run))) {
        into.add(record);
      }
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return EventCodec.value(record.headers(), name);
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            EmbeddedKafkaBroker.shared().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(String topic) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                "500"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
