package dev.shopset.renderer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.TraceContext;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
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
 * Through the real broker: the render of a desired state continues its trace ({@code
 * ce_traceparent}): same trace id, the renderer's own span as parent of what comes next.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RenderTraceIT {

  private static final String SYSTEM = "https://git.example.com/platform/system.git";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SENDER = "00f067aa0ba902b7";

  @Test
  void aRenderContinuesTheTraceOfTheDesiredStateItRenders() {
    String name = "traced-" + UUID.randomUUID().toString().substring(0, 8);
    ShopSetDesired desired = dev.shopset.renderer.Samples.desired("shops", name, SYSTEM);
    CloudEvent<ShopSetDesired> event =
        CloudEvent.of("/test", desired, Instant.now())
            .withTrace(new TraceContext("00-" + TRACE + "-" + SENDER + "-00", "vendor=x"));
    RecordHeaders headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<String, byte[]>(Topics.DESIRED, null, event.key(), body, headers));
    }

    List<TopicTail.Seen> renders;
    try (TopicTail tail = new TopicTail(Topics.RENDERS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(rendersOf(tail, name)).hasSize(1));
      renders = rendersOf(tail, name);
    }
    TraceContext carried = EventCodec.trace(renders.getFirst().headers());
    assertThat(carried).as("the render carries a trace").isNotNull();
    assertThat(carried.traceId()).isEqualTo(TRACE);
    assertThat(carried.spanId()).as("the renderer's own span").isNotEqualTo(SENDER);
    assertThat(carried.sampled()).as("the sender's sampling decision holds").isFalse();
    assertThat(carried.tracestate()).isEqualTo("vendor=x");
  }

  private static List<TopicTail.Seen> rendersOf(TopicTail tail, String name) {
    return tail.records(Topics.RENDERS).stream()
        .filter(r -> ("shops/" + name).equals(r.header(EventCodec.H_SUBJECT)))
        .toList();
  }
}
