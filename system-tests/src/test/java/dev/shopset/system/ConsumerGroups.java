package dev.shopset.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer groups of the services as the broker sees them: who is a member and which partitions
 * each holds. A killed replica's partitions are "served elsewhere" once its members are gone and
 * every partition the group held before is assigned to a member again.
 */
final class ConsumerGroups implements AutoCloseable {

  /** A group at one moment: members and the partitions assigned to them. */
  record State(int members, Set<TopicPartition> assigned) {}

  private final Admin admin;

  ConsumerGroups(String bootstrapServers) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** The consumer groups a service joins, as its application.properties names them. */
  static Set<String> of(Path root, String service) {
    try {
      Set<String> groups = new HashSet<>();
      for (String line :
          Files.readAllLines(
              root.resolve(service).resolve("src/main/resources/application.properties"))) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("#") && trimmed.contains(".group.id=")) {
          groups.add(trimmed.substring(trimmed.indexOf('=') + 1).strip());
        }
      }
      return groups;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  State state(String group) {
    try {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      Set<TopicPartition> assigned = new HashSet<>();
      for (MemberDescription member : description.members()) {
        assigned.addAll(member.assignment().topicPartitions());
      }
      return new State(description.members().size(), assigned);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Cannot describe consumer group " + group, e);
    }
  }

  /**
   * Whether {@code group} has lost {@code gone} members since {@code before} and every partition it
   * held then is assigned again.
   */
  boolean takenOver(String group, State before, int gone) {
    State now = state(group);
    return now.members() <= before.members() - gone
        && now.assigned().containsAll(before.assigned());
  }

  static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  @Override
  public void close() {
    admin.close();
  }
}
