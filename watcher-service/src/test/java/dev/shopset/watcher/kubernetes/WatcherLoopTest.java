package dev.shopset.watcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WatcherLoopTest {

  @Test
  void aReconcileThatKeepsFailingIsRetriedLessOftenUpToOnceAMinute() {
    Duration first = Duration.ofSeconds(2);
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> WatcherLoop.retryDelay(first, n)))
        .extracting(Duration::toSeconds)
        .containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    assertThat(WatcherLoop.retryDelay(first, Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
  }
}
