package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.cloudevents.CloudEventDeserializer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The consumers' document names every topic and every event type there is. */
class EventsDocumentTest {

  @Test
  void documentsEveryTopicAndType() throws Exception {
    String doc =
        Files.readString(Generated.repositoryRoot().resolve("event-contracts/docs/events.md"));
    for (Topics.Topic topic : Topics.ALL) {
      if (!topic.name().endsWith(".dlq")) {
        assertThat(doc).as("topic %s", topic.name()).contains("`" + topic.name() + "`");
      }
    }
    for (EventType type : EventType.values()) {
      assertThat(doc).as("type %s", type.type()).contains("`" + type.type() + "`");
      assertThat(doc).contains("`" + type.recordClass().getSimpleName() + "`");
    }
  }

  @Test
  void theExampleLoopUsesTheTolerantReader() throws Exception {
    String doc =
        Files.readString(Generated.repositoryRoot().resolve("event-contracts/docs/events.md"));
    String loop =
        doc.substring(doc.indexOf("```java"), doc.indexOf("```", doc.indexOf("```java") + 7));
    assertThat(loop)
        .contains("CloudEventDeserializer.skippingUnknownTypes()")
        .contains("RecordDeserializationException");
    assertThat(doc)
        .contains(CloudEventDeserializer.UNKNOWN_TYPES_CONFIG + "=skip")
        .contains("`" + Topics.DEAD_LETTER_REASON + "`");
  }
}
