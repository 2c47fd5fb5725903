package dev.shopset.watcher.kubernetes;

import static dev.shopset.contracts.testing.Fixtures.shopSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.watcher.WatcherMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status writes against an API server that answers 409, 503 and 422: conflicts are recomputed from
 * the fresh object, unavailability is retried (without limit for records that wait on it),
 * rejections are not.
 */
class StatusWriterIT {

  private final FlakyApi api = new FlakyApi();
  private final WatcherMetrics metrics = new WatcherMetrics(new SimpleMeterRegistry());
  private KubernetesMockServer server;
  private KubernetesClient client;
  private StatusWriter writer;
  private final AtomicInteger computed = new AtomicInteger();

  @BeforeEach
  void start() {
    server = api.serve(0);
    client = FlakyApi.client(server.getPort());
    client.resource(shopSet("ns", "a", "gold", "std", "s")).create();
    writer = new StatusWriter(client, metrics, Duration.ofMillis(10), Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  /** Sets lastCommit to {@code sha} unless it is there already, counting each computation. */
  private java.util.function.Function<ShopSet, Optional<ShopSetStatus>> commit(String sha) {
    return fresh -> {
      computed.incrementAndGet();
      var current = fresh.getStatus();
      if (current != null
          && current.lastCommit() != null
          && sha.equals(current.lastCommit().sha())) {
        return Optional.empty();
      }
      return Optional.of(
          new ShopSetStatus(
              1L,
              List.of(new Condition("Committed", "True", "Pushed", "ok", null, 1L)),
              new ShopSetStatus.LastCommit(sha, "gold", "2026-11-23T10:00:00Z")));
    };
  }

  private String lastSha() {
    var status = client.resources(ShopSet.class).inNamespace("ns").withName("a").get().getStatus();
    return status == null || status.lastCommit() == null ? null : status.lastCommit().sha();
  }

  @Test
  void aConflictIsRecomputedFromTheFreshObjectAndWritten() {
    api.conflictingStatusWrites.set(1);

    assertThat(writer.shopSet("ns", "a", commit("abc"))).isTrue();

    assertThat(lastSha()).isEqualTo("abc");
    assertThat(computed).as("computed again after the conflict").hasValue(2);
    assertThat(metrics.statusWrites()).isEqualTo(1);
  }

  @Test
  void anUnavailableApiServerFailsAReconcilesWriteAtOnceAndIsWaitedOutByRecords() {
    api.unavailableStatusWrites.set(20);

    assertThatThrownBy(() -> writer.shopSet("ns", "a", commit("abc")))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
    assertThat(api.statusWriteAttempts)
        .as("a reconcile gives up at once, to be re-queued, and the worker goes on")
        .hasValue(1);
    assertThat(lastSha()).isNull();

    assertThat(writer.shopSetUntilWritten("ns", "a", commit("abc"))).isTrue();
    assertThat(api.statusWriteAttempts).as("19 more 503s, then the write").hasValue(21);
    assertThat(lastSha()).isEqualTo("abc");
  }

  @Test
  void conflictsAreRetriedOnlyAFewTimesEvenWhenWaitingOutUnavailability() {
    api.conflictingStatusWrites.set(100);

    assertThatThrownBy(() -> writer.shopSetUntilWritten("ns", "a", commit("abc")))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(api.statusWriteAttempts).hasValue(5);
  }

  @Test
  void aRejectionIsTerminalAndNotRetried() {
    api.rejectedStatusWrites.set(1);

    assertThatThrownBy(() -> writer.shopSetUntilWritten("ns", "a", commit("abc")))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(api.statusWriteAttempts).hasValue(1);
  }

  @Test
  void nothingIsWrittenWhenTheStatusWouldNotChange() {
    writer.shopSet("ns", "a", commit("abc"));
    int attempts = api.statusWriteAttempts.get();

    assertThat(writer.shopSetUntilWritten("ns", "a", commit("abc"))).isFalse();
    assertThat(api.statusWriteAttempts).hasValue(attempts);
  }
}
