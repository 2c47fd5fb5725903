package dev.shopset.gitpusher.kafka;

import dev.shopset.gitpusher.domain.BranchId;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of {@code shopset.renders} carries a system branch's work (Kafka's default
 * partitioner: murmur2 of the key {@code repository#branch}), and which of them this instance is
 * assigned now.
 */
@ApplicationScoped
public class RenderPartitions {

  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private volatile int count;

  /** The partitions of the topic: known from the first assignment on. */
  public void count(int partitions) {
    this.count = partitions;
  }

  public void assigned(Collection<Integer> partitions) {
    owned.addAll(partitions);
  }

  public void revoked(Collection<Integer> partitions) {
    owned.removeAll(partitions);
  }

  /** Whether {@code partition} is assigned to this instance (true before any assignment). */
  public boolean ownsPartition(int partition) {
    return count == 0 || owned.contains(partition);
  }

  /** The partitions this instance is assigned now. */
  public Set<Integer> owned() {
    return Set.copyOf(owned);
  }

  /** The partition count of the topic, 0 before the first assignment. */
  public int count() {
    return count;
  }

  /** The partition of {@code branch}'s work; -1 before the partition count is known. */
  public int partitionOf(BranchId branch) {
    return partitionOf(branch.key(), count);
  }

  /** Whether this instance is assigned {@code branch}'s partition now. */
  public boolean owns(BranchId branch) {
    return owned.contains(partitionOf(branch));
  }

  /** Kafka's default partition of a string key. */
  public static int partitionOf(String key, int partitions) {
    if (partitions <= 0) {
      return -1;
    }
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
