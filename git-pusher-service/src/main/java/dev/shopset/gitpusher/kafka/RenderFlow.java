package dev.shopset.gitpusher.kafka;

import dev.shopset.contracts.Topics;
import dev.shopset.gitpusher.domain.BranchFlow;
import dev.shopset.gitpusher.domain.BranchId;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Holds back the partition of {@code shopset.renders} that carries a branch whose writer has too
 * much pending work (pause), and lets it go once every such branch on it has drained (resume).
 * Other partitions keep flowing. SmallRye's own back-pressure may resume every partition; a record
 * arriving from a partition that is to be held pauses it again ({@link #arrived}).
 */
@ApplicationScoped
public class RenderFlow implements BranchFlow {

  private static final Logger LOG = Logger.getLogger(RenderFlow.class);

  /** Pauses and resumes partitions of the renders channel. */
  public interface Control {
    void pause(int partition);

    void resume(int partition);
  }

  private final RenderPartitions partitions;
  private final Map<Integer, Set<BranchId>> full = new ConcurrentHashMap<>();
  private volatile Control control;

  @Inject
  public RenderFlow(RenderPartitions partitions, Instance<KafkaClientService> clients) {
    this(partitions, smallRye(clients));
  }

  /** With another control (tests drive a plain Kafka consumer). */
  public RenderFlow(RenderPartitions partitions, Control control) {
    this.partitions = partitions;
    this.control = control;
  }

  @Override
  public void full(BranchId branch) {
    int partition = partitions.partitionOf(branch);
    if (partition >= 0) {
      full.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(branch);
      LOG.infof("Pausing %s-%d: %s is full", Topics.RENDERS, partition, branch.key());
      control.pause(partition);
    }
  }

  @Override
  public void drained(BranchId branch) {
    int partition = partitions.partitionOf(branch);
    Set<BranchId> branches = full.get(partition);
    if (branches != null && branches.remove(branch) && branches.isEmpty()) {
      full.remove(partition);
      LOG.infof("Resuming %s-%d", Topics.RENDERS, partition);
      control.resume(partition);
    }
  }

  /** A record came from {@code partition}: if it is to be held, hold it (again). */
  public void arrived(int partition) {
    if (full.containsKey(partition)) {
      control.pause(partition);
    }
  }

  /** The partitions held back now. */
  public Set<Integer> held() {
    return Set.copyOf(full.keySet());
  }

  /** Revoked partitions are nobody's to hold here any more. */
  void forget(Collection<Integer> revoked) {
    revoked.forEach(full::remove);
  }

  private static Control smallRye(Instance<KafkaClientService> clients) {
    return new Control() {
      @Override
      public void pause(int partition) {
        run(partition, c -> c.pause(Set.of(tp(partition))));
      }

      @Override
      public void resume(int partition) {
        run(partition, c -> c.resume(Set.of(tp(partition))));
      }

      private void run(
          int partition, java.util.function.Consumer<Consumer<Object, Object>> action) {
        KafkaConsumer<Object, Object> consumer = clients.get().getConsumer("renders");
        consumer
            .runOnPollingThread(action)
            .subscribe()
            .with(
                v -> {},
                e -> LOG.warnf("Cannot pause or resume %d: %s", partition, e.getMessage()));
      }
    };
  }

  private static TopicPartition tp(int partition) {
    return new TopicPartition(Topics.RENDERS, partition);
  }
}
