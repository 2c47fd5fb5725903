package dev.shopset.renderer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The preview shows what would be deployed: the example resources posted to {@code POST /render}
 * give the same files, byte for byte, as the same resources read the watcher's way (fabric8
 * objects), joined by {@link DesiredStateJoin} under the same prefixes, sent through {@code
 * shopset.desired} and rendered by the Kafka pipeline.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PreviewMatchesPipelineIT {

  /** What {@code %test.shopset.repositories.prefixes} allows. */
  private static final String PREFIX = "https://git.example.com/";

  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  @Test
  void previewAndPipelineGiveByteIdenticalFiles() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String name = "eu-small-" + run;
    String request =
        Files.readString(Path.of("../examples/preview/eu-small.yaml"))
            .replace("name: eu-small\n", "name: " + name + "\n");

    String previewJson =
        given()
            .contentType("application/yaml")
            .body(request.getBytes(StandardCharsets.UTF_8))
            .post("/render")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    RenderResult preview = EventCodec.json().readValue(previewJson, RenderResult.class);

    ShopSetDesired desired = joinedAsTheWatcherDoes(request);
    RenderResult pipeline = throughThePipeline(desired, name);

    assertThat(pipeline.files().keySet()).isEqualTo(preview.files().keySet());
    pipeline
        .files()
        .forEach((path, content) ->
            assertThat(content.getBytes(StandardCharsets.UTF_8))
                .as(path)
                .isEqualTo(preview.files().get(path).getBytes(StandardCharsets.UTF_8)));
    assertThat(pipeline.shared()).isEqualTo(preview.shared()).isNotEmpty();
    assertThat(pipeline).isEqualTo(preview);
    assertThat(EventCodec.body(pipeline)).isEqualTo(EventCodec.body(preview));
  }

  /** The documents as the watcher's informers see them, joined as the watcher joins them. */
  private static ShopSetDesired joinedAsTheWatcherDoes(String request) {
    ShopSet shopSet = null;
    Tier tier = null;
    Configuration configuration = null;
    Namespace namespace = null;
    for (String document : request.split("(?m)^---\\s*$")) {
      String kind =
          document
              .lines()
              .filter(l -> l.startsWith("kind:"))
              .findFirst()
              .orElseThrow()
              .substring(5)
              .trim();
      switch (kind) {
        case "ShopSet" -> shopSet = KUBERNETES.unmarshal(document, ShopSet.class);
        case "Tier" -> tier = KUBERNETES.unmarshal(document, Tier.class);
        case "Configuration" -> configuration = KUBERNETES.unmarshal(document, Configuration.class);
        case "Namespace" -> namespace = KUBERNETES.unmarshal(document, Namespace.class);
        default -> throw new IllegalArgumentException(kind);
      }
    }
    Tenancy tenancy =
        Tenancy.of(
            shopSet.getMetadata().getNamespace(),
            namespace.getMetadata().getLabels(),
            RepositoryPolicy.allowing(List.of(PREFIX)));
    DesiredStateJoin.Result joined = DesiredStateJoin.join(shopSet, tier, configuration, tenancy);
    assertThat(joined).isInstanceOf(DesiredStateJoin.Valid.class);
    return ((DesiredStateJoin.Valid) joined).desired();
  }

  private static RenderResult throughThePipeline(ShopSetDesired desired, String name) {
    String servers = EmbeddedKafkaBroker.shared().bootstrapServers();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      CloudEvent<ShopSetDesired> event = CloudEvent.of("/test", desired, Instant.now());
      RecordHeaders headers = new RecordHeaders();
      byte[] body = EventCodec.encode(event, headers);
      producer.send(new ProducerRecord<>(Topics.DESIRED, null, event.key(), body, headers));
      producer.flush();
    }
    try (TopicTail tail = new TopicTail(Topics.RENDERS)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(rendersOf(tail, name)).hasSize(1));
      return rendersOf(tail, name).getFirst();
    }
  }

  private static List<RenderResult> rendersOf(TopicTail tail, String name) {
    return tail.events(RenderResult.class).stream().filter(r -> r.name().equals(name)).toList();
  }
}
