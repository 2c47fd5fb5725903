package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLogTest {

  @Test
  void aDeliverySeenBeforeIsAReplayUntilItFallsOutOfTheLog() {
    DeliveryLog log = new DeliveryLog(2);
    assertThat(log.firstTime("a")).isTrue();
    assertThat(log.firstTime("a")).isFalse();
    assertThat(log.firstTime("b")).isTrue();
    assertThat(log.firstTime("c")).isTrue();
    assertThat(log.firstTime("a")).as("forgotten after two others").isTrue();
  }
}
