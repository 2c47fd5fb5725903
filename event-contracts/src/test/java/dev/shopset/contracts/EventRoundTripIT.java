package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.CloudEventSerializer;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Every event type through a real broker: CloudEvents headers intact, body valid by schema. */
class EventRoundTripIT {

  @Test
  void everyTypeSurvivesTheBroker() throws Exception {
    String servers = EmbeddedKafkaBroker.shared().bootstrapServers();
    List<CloudEvent<ShopSetEvent>> sent = new ArrayList<>();
    try (var producer =
        new KafkaProducer<String, CloudEvent<?>>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new CloudEventSerializer())) {
      for (EventType type : EventType.values()) {
        CloudEvent<ShopSetEvent> event =
            CloudEvent.of("/shopset/contracts-test", EventSamples.of(type), EventSamples.T0);
        sent.add(event);
        producer.send(new ProducerRecord<>(type.topic(), event.key(), event)).get();
      }
    }

    Set<String> topics =
        Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
    List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "contracts-round-trip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }

    assertThat(received).hasSize(sent.size());
    for (ConsumerRecord<String, byte[]> record : received) {
      CloudEvent<ShopSetEvent> decoded = EventCodec.decode(record.headers(), record.value());
      CloudEvent<ShopSetEvent> original =
          sent.stream().filter(e -> e.id().equals(decoded.id())).findFirst().orElseThrow();
      assertThat(decoded).isEqualTo(original);
      assertThat(record.key()).isEqualTo(original.key());
      assertThat(record.topic()).isEqualTo(original.type().topic());
      assertThat(EventCodec.value(record.headers(), "ce_specversion")).isEqualTo("1.0");
      assertThat(EventCodec.value(record.headers(), "ce_type"))
          .isEqualTo(original.type().type())
          .matches("dev\\.shopset\\.[a-z-]+\\.v[0-9]+");
      assertThat(EventCodec.value(record.headers(), "ce_source"))
          .isEqualTo("/shopset/contracts-test");
      assertThat(EventCodec.value(record.headers(), "ce_subject")).isEqualTo(original.subject());
      assertThat(EventCodec.value(record.headers(), "ce_time")).isEqualTo("2026-11-23T10:15:30Z");
      assertThat(EventCodec.value(record.headers(), "content-type")).isEqualTo("application/json");
      assertThat(
              EventSchemasTest.SchemaValidation.errors(
                  original.type(), EventCodec.json().readTree(record.value())))
          .as("%s body against its schema", original.type())
          .isEmpty();
    }
  }
}
