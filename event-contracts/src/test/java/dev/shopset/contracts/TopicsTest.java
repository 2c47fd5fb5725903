package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the contracts say about each topic is what the install creates (k8s/topics). */
class TopicsTest {

  @Test
  void cleanupAndRetentionAreWhatTheInstallConfigures() throws IOException {
    Path file = Generated.repositoryRoot().resolve("k8s/topics/kafka-topics.yaml");
    Map<String, JsonNode> installed = new TreeMap<>();
    try (var topics = AsyncApiDocument.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (topics.hasNext()) {
        JsonNode topic = (JsonNode) topics.next();
        installed.put(topic.at("/spec/topicName").asText(), topic.at("/spec"));
      }
    }
    for (Topics.Topic topic : Topics.ALL) {
      JsonNode spec = installed.get(topic.name());
      assertThat(spec).as("%s in %s", topic.name(), file).isNotNull();
      assertThat(spec.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
      topic
          .config()
          .forEach((key, value) ->
              assertThat(spec.path("config").path(key).asText())
                  .as("%s %s", topic.name(), key)
                  .isEqualTo(value));
    }
  }
}
