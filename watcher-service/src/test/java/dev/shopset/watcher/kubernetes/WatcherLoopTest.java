package dev.shopset.watcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WatcherLoopTest {

  @Test
  void aReconcileThatKeepsFailingIsRetriedLessOftenUpToOnceAMinute() {
    var retries = WatcherLoop.retries(Duration.ofSeconds(2));
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(retries::ceiling))
        .extracting(Duration::toSeconds)
        .containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    assertThat(retries.delay(Integer.MAX_VALUE))
        .as("jittered: at least half the ceiling")
        .isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
  }
}
