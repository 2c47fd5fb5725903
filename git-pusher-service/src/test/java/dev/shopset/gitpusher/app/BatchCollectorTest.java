package dev.shopset.gitpusher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shopset.gitpusher.domain.PinMove;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchCollectorTest {

  @Test
  void takesWhatIsQueuedWithinTheWindowUpToTheMaximum() throws Exception {
    PendingWork queue = new PendingWork();
    for (int i = 1; i <= 10; i++) {
      queue.put(Fixtures.work("s" + i, 1));
    }
    BatchCollector collector = new BatchCollector(Duration.ofMillis(50), 4);
    assertThat(collector.next(queue)).hasSize(4);
    assertThat(collector.next(queue)).hasSize(4);
    assertThat(collector.next(queue)).hasSize(2);
    assertThat(queue.size()).isZero();
  }

  @Test
  void aLoneItemIsReleasedWhenTheWindowCloses() throws Exception {
    PendingWork queue = new PendingWork();
    queue.put(Fixtures.work("a", 1));
    long start = System.nanoTime();
    assertThat(new BatchCollector(Duration.ofMillis(100), 500).next(queue)).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(90), Duration.ofSeconds(5));
  }

  @Test
  void aLoneItemIsReleasedAfterTheQuietPeriodWithoutWaitingForTheWindow() throws Exception {
    PendingWork queue = new PendingWork();
    queue.put(Fixtures.work("a", 1));
    var collector = new BatchCollector(Duration.ofSeconds(30), Duration.ofMillis(50), 500);
    // Without the quiet period this would take the 30 s window.
    List<Work> batch =
        CompletableFuture.supplyAsync(() -> next(collector, queue)).get(10, TimeUnit.SECONDS);
    assertThat(batch).hasSize(1);
  }

  @Test
  void itemsArrivingCloserThanTheQuietPeriodStayInOneBatch() throws Exception {
    PendingWork queue = new PendingWork();
    var collector = new BatchCollector(Duration.ofSeconds(30), Duration.ofSeconds(2), 500);
    // The producer hands over the next item only once the collector has taken the previous one,
    // so the batch can only hold all of them if the collector kept waiting between arrivals.
    Thread producer =
        Thread.ofVirtual()
            .start(() -> {
              for (int i = 0; i < 20; i++) {
                queue.put(Fixtures.work("s" + i, 1));
                await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> queue.size() == 0);
              }
            });
    assertThat(collector.next(queue)).hasSize(20);
    producer.join();
  }

  @Test
  void pendingWorkKeepsOnlyTheLatestArrivalPerShopSetAndAcknowledgesTheOlderWithIt()
      throws Exception {
    PendingWork queue = new PendingWork();
    Work.Render first = Fixtures.work("a", 1);
    Work.Render second = Fixtures.work("a", 2);
    // deleted and created again: generation 1 of the new "a" is its latest, however numbered
    Work.Render recreated = Fixtures.work("a", 1);
    assertThat(queue.put(first)).isEqualTo(1);
    assertThat(queue.put(second)).isEqualTo(1);
    assertThat(queue.put(recreated)).isEqualTo(1);
    assertThat(queue.put(Fixtures.work("b", 1))).isEqualTo(2);
    List<Work> batch = new BatchCollector(Duration.ofMillis(10), 500).next(queue);
    assertThat(batch).hasSize(2).first().isSameAs(recreated);
    assertThat(first.done()).isNotDone();
    assertThat(second.done()).isNotDone();
    recreated.complete();
    assertThat(first.done()).isCompleted();
    assertThat(second.done()).isCompleted();
  }

  @Test
  void withABoundedWaitNoWorkIsAnEmptyBatch() throws Exception {
    assertThat(
            new BatchCollector(Duration.ofMillis(10), 500)
                .next(new PendingWork(), Duration.ofMillis(20)))
        .isEmpty();
  }

  @Test
  void aQuietPeriodMustBePositive() {
    assertThatThrownBy(() -> new BatchCollector(Duration.ofMillis(300), Duration.ZERO, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quiet");
  }

  private static List<Work> next(BatchCollector collector, PendingWork queue) {
    try {
      return collector.next(queue);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPinRequestDoesNotWaitForTheWindowButTakesWhatIsQueued() throws Exception {
    PendingWork queue = new PendingWork();
    queue.put(
        new Work.Pin(
            new PinMove(
                new SourceRef("https://git.example/app.git", "a"),
                "1".repeat(40),
                "2".repeat(40),
                false)));
    queue.put(Fixtures.work("s", 1));
    long start = System.nanoTime();
    assertThat(new BatchCollector(Duration.ofSeconds(10), 500).next(queue)).hasSize(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
