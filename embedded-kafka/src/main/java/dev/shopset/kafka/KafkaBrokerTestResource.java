package dev.shopset.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource that points every Kafka setting of the application under test at the JVM's
 * shared {@link EmbeddedKafkaBroker}: {@code @QuarkusTestResource(KafkaBrokerTestResource.class)}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String servers = EmbeddedKafkaBroker.shared().bootstrapServers();
    return Map.of("kafka.bootstrap.servers", servers, "quarkus.kafka.devservices.enabled", "false");
  }

  @Override
  public void stop() {
    // The broker is shared by the test classes of this JVM and stops with it (shutdown hook and
    // the child's parent watch), so a later test class does not pay for a second start.
  }
}
