package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.SourceChanged;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class BatchCollectorTest {

  @Test
  void takesWhatIsQueuedWithinTheWindowUpToTheMaximum() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    for (int i = 1; i <= 10; i++) {
      queue.add(BatchTest.render("s" + i, 1));
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
    queue.add(BatchTest.render("a", 1));
    long start = System.nanoTime();
    assertThat(new BatchCollector(Duration.ofMillis(100), 500).next(queue)).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(90), Duration.ofSeconds(5));
  }

  @Test
  void aNewSourceHeadDoesNotWaitForTheWindowButTakesWhatIsQueued() throws Exception {
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    queue.add(new Work.Source(new SourceChanged("https://git.example/app.git", "a", "1", "2")));
    queue.add(BatchTest.render("s", 1));
    long start = System.nanoTime();
    assertThat(new BatchCollector(Duration.ofSeconds(10), 500).next(queue)).hasSize(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
