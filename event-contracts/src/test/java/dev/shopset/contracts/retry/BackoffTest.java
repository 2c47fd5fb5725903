package dev.shopset.contracts.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void theCeilingDoublesUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aDelayIsBetweenHalfTheCeilingAndTheCeilingAsTheRandomDraws() {
    assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0).delay(3))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5).delay(3))
        .isEqualTo(Duration.ofMillis(300));
    assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999).delay(10))
        .isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
  }

  @Test
  void twoBranchesFailingTogetherDoNotRetryInLockstep() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    assertThat(
            java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> backoff.delay(5))
                .distinct()
                .count())
        .isGreaterThan(1);
  }
}
