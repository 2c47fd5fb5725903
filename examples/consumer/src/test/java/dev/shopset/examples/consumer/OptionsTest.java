package dev.shopset.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

  @Test
  void readsEveryTopicAnEventIsPublishedOnByDefault() {
    Options options = Options.parse(new String[0], Map.of());
    assertThat(options.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(options.topics())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(EventType.values()).map(EventType::topic).distinct().toList())
        .doesNotContain("shopset.notifier.messages");
    assertThat(options.follow()).isFalse();
  }

  @Test
  void deadLettersAddTheDeadLetterTopics() {
    Options options = Options.parse(new String[] {"--dead-letters"}, Map.of());
    assertThat(options.topics()).contains("shopset.desired", "shopset.desired.dlq");
    assertThat(options.topics()).hasSize(2 * Options.eventTopics().size());
  }

  @Test
  void serversAndTopicsCanBeGiven() {
    Options options =
        Options.parse(
            new String[] {
              "--bootstrap-servers",
              "kafka:9093",
              "--topics",
              "shopset.commits, shopset.rollouts",
              "--dead-letters",
              "--follow"
            },
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "ignored:9092"));
    assertThat(options.bootstrapServers()).isEqualTo("kafka:9093");
    assertThat(options.topics())
        .containsExactly(
            "shopset.commits", "shopset.rollouts", "shopset.commits.dlq", "shopset.rollouts.dlq");
    assertThat(options.follow()).isTrue();
  }

  @Test
  void aConsumerConfigFileGivesTheClientSettingsOfASecureCluster(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"shopset-reader-audit\" password=\"p\";",
            "ssl.truststore.type=PEM",
            "ssl.truststore.location=/etc/kafka-ca/ca.crt",
            ""));
    Options options =
        Options.parse(
            new String[] {
              "--bootstrap-servers", "kafka:9093", "--consumer-config", file.toString()
            },
            Map.of());
    assertThat(options.consumerSettings())
        .containsEntry("bootstrap.servers", "kafka:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
        .hasEntrySatisfying(
            "sasl.jaas.config",
            v -> assertThat(v.toString()).contains("username=\"shopset-reader-audit\""));
    assertThatThrownBy(() ->
            Options.parse(
                new String[] {"--consumer-config", dir.resolve("missing").toString()}, Map.of()))
        .hasMessageContaining("Cannot read --consumer-config");
  }

  @Test
  void theEnvironmentGivesTheDefaultServers() {
    assertThat(
            Options.parse(new String[0], Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))
                .bootstrapServers())
        .isEqualTo("kafka:9092");
  }

  @Test
  void aWrongOptionSaysWhatIsWrongAndHowToUseIt() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--topic", "x"}, Map.of()))
        .hasMessageContaining("Unknown option --topic")
        .hasMessageContaining("--topics T1,T2");
    assertThatThrownBy(() -> Options.parse(new String[] {"--bootstrap-servers"}, Map.of()))
        .hasMessageContaining("--bootstrap-servers needs a value");
  }
}
