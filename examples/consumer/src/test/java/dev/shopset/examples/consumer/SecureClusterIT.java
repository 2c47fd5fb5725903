package dev.shopset.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.Topics;
import dev.shopset.kafka.BrokerAccess;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team reads ShopSet's topics from a cluster that lets in only known users: the consumer's
 * settings file carries a read-only SCRAM user's JAAS line and the cluster CA, as a Strimzi
 * KafkaUser's Secret and the cluster CA Secret give them.
 */
class SecureClusterIT {

  @Test
  void aReadOnlyUserReadsThroughItsConsumerConfigFile(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            EmbeddedKafkaBroker.Settings.defaults()
                .withSecurity(EmbeddedKafkaBroker.Security.defaults()))) {
      try (BrokerAccess access = BrokerAccess.of(broker)) {
        access
            .createTopics(List.of(Topics.COMMITS))
            .createUser("shopset-reader-audit", "audit-secret")
            .allow(
                "shopset-reader-audit",
                ResourceType.TOPIC,
                Topics.COMMITS,
                PatternType.LITERAL,
                AclOperation.READ,
                AclOperation.DESCRIBE);
      }
      Map<String, Object> admin = new HashMap<>(broker.adminSettings());
      try (var producer =
          new KafkaProducer<>(admin, new StringSerializer(), new StringSerializer())) {
        producer
            .send(new ProducerRecord<String, String>(Topics.COMMITS, "gone", null))
            .get(30, TimeUnit.SECONDS);
      }

      Properties settings = new Properties();
      settings.putAll(broker.clientSettings("shopset-reader-audit", "audit-secret"));
      settings.remove("bootstrap.servers");
      Path file = dir.resolve("client.properties");
      try (Writer out = Files.newBufferedWriter(file)) {
        settings.store(out, "a read-only KafkaUser");
      }
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int status =
          ExampleConsumer.run(
              new String[] {
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--topics",
                Topics.COMMITS,
                "--consumer-config",
                file.toString()
              },
              Map.of(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 tombstone(s)");
    }
  }
}
