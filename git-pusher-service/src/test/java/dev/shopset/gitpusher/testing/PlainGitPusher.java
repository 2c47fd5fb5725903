package dev.shopset.gitpusher.testing;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.app.CommitterSettings;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.app.SourceResolution;
import dev.shopset.gitpusher.app.SourceRouter;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.PinMove;
import dev.shopset.gitpusher.domain.PinRequests;
import dev.shopset.gitpusher.domain.RenderCheck;
import dev.shopset.gitpusher.domain.TierDirectory;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.git.JGitSystemBranches;
import dev.shopset.gitpusher.git.RemoteHeads;
import dev.shopset.gitpusher.git.SourceBranches;
import dev.shopset.gitpusher.kafka.RenderFlow;
import dev.shopset.gitpusher.kafka.RenderPartitions;
import dev.shopset.gitpusher.kafka.RenderRebalance;
import dev.shopset.gitpusher.kafka.TierReader;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A second git-pusher instance without Quarkus, for tests: the service's own application layer, git
 * adapter, ownership ({@link RenderRebalance}), flow control ({@link RenderFlow}) and {@link
 * TierReader}, driven by plain Kafka consumers in the service's consumer groups on the real broker.
 * It never commits offsets of renders (whoever owns a partition next re-applies them: idempotent).
 */
public final class PlainGitPusher implements AutoCloseable {

  public final PinDirectory pins = new PinDirectory();
  public final RenderPartitions partitions = new RenderPartitions();
  public final RenderFlow flow;
  public final Committers committers;
  private final TierReader reader;
  private final SourceResolution resolution;
  private final KafkaProducer<String, byte[]> producer;
  private final ConcurrentLinkedQueue<Consumer<KafkaConsumer<String, byte[]>>> onPollThread =
      new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private final Thread renders;
  private final Thread sources;

  /**
   * Starts an instance keeping its clones under {@code root}; a branch holds {@code maxPending}.
   */
  public PlainGitPusher(Fixtures git, Path root, int maxPending) {
    String servers = EmbeddedKafkaBroker.shared().bootstrapServers();
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
    RemoteHeads heads = new RemoteHeads(git.credentials(root.resolve("no-credentials")));
    TierDirectory tiers = new TierDirectory();
    resolution =
        new SourceResolution(
            new SourceBranches(heads, tiers, root.resolve("sources")), Duration.ofSeconds(3));
    flow =
        new RenderFlow(
            partitions,
            new RenderFlow.Control() {
              @Override
              public void pause(int partition) {
                onPollThread.add(c -> c.pause(Set.of(tp(partition))));
              }

              @Override
              public void resume(int partition) {
                onPollThread.add(c -> c.resume(Set.of(tp(partition))));
              }
            });
    Publisher publisher = new Publisher();
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    committers =
        new Committers(
            new JGitSystemBranches(
                root.resolve("system"), heads, "ShopSet git-pusher", "git-pusher@shopset.dev"),
            new CommitterSettings(
                Duration.ofMillis(300),
                Duration.ofMillis(50),
                500,
                5,
                backoff,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                maxPending,
                Duration.ofSeconds(10)),
            resolution,
            publisher,
            flow);
    RenderRebalance rebalance = new RenderRebalance(partitions, flow, committers);
    reader = new TierReader(tiers, pins, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    reader.start();
    SourceRouter router = new SourceRouter(pins, publisher, backoff);
    renders = Thread.ofPlatform().name("plain-renders").start(() -> renders(servers, rebalance));
    sources = Thread.ofPlatform().name("plain-sources").start(() -> sources(servers, router));
  }

  /**
   * The partitions of {@code shopset.renders} this instance holds back now (read on its poll
   * thread).
   */
  public Set<Integer> paused() {
    CompletableFuture<Set<Integer>> paused = new CompletableFuture<>();
    onPollThread.add(c ->
        paused.complete(Set.copyOf(c.paused().stream().map(TopicPartition::partition).toList())));
    try {
      return paused.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this instance has a writer for {@code branch}. */
  public boolean writes(BranchId branch) {
    return committers.all().stream().anyMatch(c -> c.id().equals(branch));
  }

  private static Map<String, Object> group(String servers, String group) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        servers,
        ConsumerConfig.GROUP_ID_CONFIG,
        group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName(),
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
        10_000,
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        3_000);
  }

  private void renders(String servers, RenderRebalance rebalance) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            group(servers, "shopset-git-pusher"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      c.subscribe(
          List.of(Topics.RENDERS),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
              rebalance.assigned(
                  c.partitionsFor(Topics.RENDERS).size(),
                  assigned.stream().map(TopicPartition::partition).toList());
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
              rebalance.revoked(revoked.stream().map(TopicPartition::partition).toList());
            }
          });
      while (running) {
        for (Consumer<KafkaConsumer<String, byte[]>> action;
            (action = onPollThread.poll()) != null; ) {
          action.accept(c);
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
          flow.arrived(r.partition());
          ShopSetEvent event = EventCodec.decode(r.headers(), r.value()).data();
          switch (event) {
            case RenderEvent render when RenderCheck.problem(render).isEmpty() ->
                committers
                    .committer(new BranchId(render.systemRepository(), render.branch()))
                    .submit(new Work.Render(render));
            case PinRequested pin ->
                committers
                    .committer(new BranchId(pin.systemRepository(), pin.branch()))
                    .submit(new Work.Pin(PinMove.of(pin)));
            default -> {}
          }
        }
      }
    }
  }

  private void sources(String servers, SourceRouter router) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            group(servers, "shopset-git-pusher-sources"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      c.subscribe(List.of(Topics.SOURCES));
      while (running) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
          if (EventCodec.decode(r.headers(), r.value()).data() instanceof SourceChanged change) {
            router.route(change);
          }
        }
        c.commitSync();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static TopicPartition tp(int partition) {
    return new TopicPartition(Topics.RENDERS, partition);
  }

  @Override
  public void close() {
    running = false;
    try {
      renders.join(Duration.ofSeconds(30));
      sources.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    committers.close();
    resolution.close();
    reader.stop();
    producer.close();
  }

  /** The event ports, on a plain producer. */
  private final class Publisher implements CommitEvents, PinRequests {
    @Override
    public void pushed(CommitPushed event) {
      send(Topics.COMMITS, event);
    }

    @Override
    public void failed(CommitFailed event) {
      send(Topics.COMMITS, event);
    }

    @Override
    public void requested(PinRequested request) {
      send(Topics.RENDERS, request);
    }

    private void send(String topic, ShopSetEvent data) {
      RecordHeaders headers = new RecordHeaders();
      byte[] body = EventCodec.encode(CloudEvent.of("/test/plain", data, Instant.now()), headers);
      try {
        producer
            .send(new ProducerRecord<>(topic, null, data.key(), body, headers))
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Kafka did not take the event", e);
      }
    }
  }
}
