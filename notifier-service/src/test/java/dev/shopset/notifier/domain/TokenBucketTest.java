package dev.shopset.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong(0);

  @Test
  void oneAsecondMeansTheSecondCallerWaitsASecond() {
    TokenBucket bucket = new TokenBucket(1.0, 1, now::get);

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void refillsWithTimeButSavesNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(1.0, 3, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.reserve()).isZero();
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refillingFromWhenTheCallReturnedSpacesArrivalsByAFullInterval() {
    TokenBucket bucket = new TokenBucket(1.0, 1, now::get);
    assertThat(bucket.reserve()).isZero();
    now.addAndGet(Duration.ofMillis(300).toNanos());
    bucket.refillFromNow();

    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aCallThatReturnsLateStillCountsAsUsingItsToken() {
    TokenBucket bucket = new TokenBucket(1.0, 3, now::get);
    assertThat(bucket.reserve()).isZero();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    bucket.refillFromNow();

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aCallThatWaitedForItsTokenLeavesTheNextOneIntervalAfterItReturned() {
    TokenBucket bucket = new TokenBucket(1.0, 1, now::get);
    bucket.reserve();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
    now.addAndGet(Duration.ofMillis(1300).toNanos());
    bucket.refillFromNow();

    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void fiftyAMinuteSpacesUpdatesBy1200Ms() {
    TokenBucket bucket = new TokenBucket(50 / 60.0, 1, now::get);
    bucket.reserve();

    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1200));
  }
}
