package dev.shopset.gitpusher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchCollectorTest {

  @Test
  void takesWhatIsQueuedWithinTheWindowUpToTheMaximum() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    for (int i = 1; i <= 10; i++) {
      queue.add(Fixtures.work("s" + i, 1));
    }
    BatchCollector collector = new BatchCollector(Duration.ofMillis(50), 4);
    assertThat(collector.next(queue)).hasSize(4);
    assertThat(collector.next(queue)).hasSize(4);
    assertThat(collector.next(queue)).hasSize(2);
    assertThat(queue).isEmpty();
  }

  @Test
  void aLoneItemIsReleasedWhenTheWindowCloses() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    queue.add(Fixtures.work("a", 1));
    long start = System.nanoTime();
    assertThat(new BatchCollector(Duration.ofMillis(100), 500).next(queue)).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(90), Duration.ofSeconds(5));
  }

  @Test
  void aLoneItemIsReleasedAfterTheQuietPeriodWithoutWaitingForTheWindow() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    queue.add(Fixtures.work("a", 1));
    var collector = new BatchCollector(Duration.ofSeconds(30), Duration.ofMillis(50), 500);
    // Without the quiet period this would take the 30 s window.
    List<Work> batch =
        CompletableFuture.supplyAsync(() -> next(collector, queue)).get(10, TimeUnit.SECONDS);
    assertThat(batch).hasSize(1);
  }

  @Test
  void itemsArrivingCloserThanTheQuietPeriodStayInOneBatch() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    var collector = new BatchCollector(Duration.ofSeconds(30), Duration.ofSeconds(2), 500);
    // The producer hands over the next item only once the collector has taken the previous one,
    // so the batch can only hold all of them if the collector kept waiting between arrivals.
    Thread producer =
        Thread.ofVirtual()
            .start(() -> {
              for (int i = 0; i < 20; i++) {
                queue.add(Fixtures.work("s" + i, 1));
                await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(queue::isEmpty);
              }
            });
    assertThat(collector.next(queue)).hasSize(20);
    producer.join();
  }

  @Test
  void aQuietPeriodMustBePositive() {
    assertThatThrownBy(() -> new BatchCollector(Duration.ofMillis(300), Duration.ZERO, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quiet");
  }

  private static List<Work> next(BatchCollector collector, LinkedBlockingQueue<Work> queue) {
    try {
      return collector.next(queue);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aNewSourceHeadDoesNotWaitForTheWindowButTakesWhatIsQueued() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    queue.add(new Work.Source(new SourceChanged("https://git.example/app.git", "a", "1", "2")));
    queue.add(Fixtures.work("s", 1));
    long start = System.nanoTime();
    assertThat(new BatchCollector(Duration.ofSeconds(10), 500).next(queue)).hasSize(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
