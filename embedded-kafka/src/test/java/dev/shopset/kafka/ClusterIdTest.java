package dev.shopset.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class ClusterIdTest {

  @Test
  void isAStableKafkaUuidThatNeverLooksLikeAnOption() {
    // "/work/main/.local/run/kafka" once gave an id starting with '-': kafka-storage refused it.
    IntStream.range(0, 5_000)
        .mapToObj(i -> Path.of("/data/run-" + i + "/kafka"))
        .forEach(dir -> {
          String id = EmbeddedKafkaBroker.clusterId(dir);
          assertThat(id).doesNotStartWith("-");
          assertThat(Uuid.fromString(id).toString()).isEqualTo(id);
          assertThat(EmbeddedKafkaBroker.clusterId(dir)).isEqualTo(id);
        });
    assertThat(EmbeddedKafkaBroker.clusterId(Path.of("/work/main/.local/run/kafka")))
        .doesNotStartWith("-");
  }
}
