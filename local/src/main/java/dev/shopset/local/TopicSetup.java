package dev.shopset.local;

import dev.shopset.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates ShopSet's topics as the contracts define them (compaction included), if missing. */
public final class TopicSetup {

  private TopicSetup() {}

  /** Creates every topic of the contracts that is missing (at most 3 partitions, replication 1). */
  public static void ensure(String bootstrapServers) throws InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          Topics.ALL.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t ->
                  new NewTopic(t.name(), Math.min(t.partitions(), 3), (short) 1)
                      .configs(Map.of("cleanup.policy", t.cleanup().policy())))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not create the topics: " + e.getCause(), e);
    }
  }
}
