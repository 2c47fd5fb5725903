package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.gitpusher.app.Committers;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Ownership of system branches follows the partitions of {@code shopset.renders}: on revocation the
 * writers of the revoked partitions' branches are closed before the revocation completes (a push in
 * flight finishes or fails, bounded), so no two instances write a branch at once; on assignment the
 * branches cloned on disk whose partitions arrived are reopened (their pins polled). Runs on the
 * consumer's polling thread.
 */
@ApplicationScoped
@Identifier(RenderRebalance.NAME)
public class RenderRebalance implements KafkaConsumerRebalanceListener {

  /** The name {@code mp.messaging.incoming.renders.consumer-rebalance-listener.name} gives. */
  public static final String NAME = "git-pusher-renders";

  private final RenderPartitions partitions;
  private final RenderFlow flow;
  private final Committers committers;

  public RenderRebalance(RenderPartitions partitions, RenderFlow flow, Committers committers) {
    this.partitions = partitions;
    this.flow = flow;
    this.committers = committers;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
    assigned(consumer.partitionsFor(Topics.RENDERS).size(), numbers(assigned));
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
    revoked(numbers(revoked));
  }

  /** Partitions arrived ({@code count}: how many the topic has). */
  public void assigned(int count, List<Integer> assigned) {
    partitions.count(count);
    partitions.assigned(assigned);
    committers.adopt(b -> assigned.contains(partitions.partitionOf(b)));
  }

  /** Partitions leave: their branches' writers are closed first. */
  public void revoked(List<Integer> revoked) {
    partitions.revoked(revoked);
    committers.release(b -> revoked.contains(partitions.partitionOf(b)));
    flow.forget(revoked);
  }

  private static List<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream()
        .filter(p -> p.topic().equals(Topics.RENDERS))
        .map(TopicPartition::partition)
        .toList();
  }
}
