package dev.shopset.gitpusher.domain;

import java.util.function.IntSupplier;

/**
 * What git-pusher measures (the README's metrics table names each meter); the service backs it with
 * Micrometer, tests with {@link #NONE}. Labels stay few: the system branch (one per tier), a {@link
 * FailureReason}, a topic.
 */
public interface PusherMetrics {

  /**
   * A batch went out as one commit.
   *
   * @param files files the commit changed
   * @param shopSets ShopSets (renders and removals) it carried
   * @param pins submodule pins it moved
   * @param attemptNanos from taking the batch (fetch) to the push acknowledged
   * @param pushNanos the push alone
   */
  default void pushed(
      String branch, int files, int shopSets, int pins, long attemptNanos, long pushNanos) {}

  /** A push was rejected because the branch moved; the batch is applied again. */
  default void rejected(String branch) {}

  /**
   * An attempt at a whole batch failed for {@code reason} (the branch is held up; a ShopSet held
   * back alone shows in its status, one refused is dead-lettered).
   */
  default void failed(String branch, FailureReason reason) {}

  /** Pin requests refused because they would have moved a pin backwards. */
  default void pinsRefused(String branch, int count) {}

  /**
   * A Promotion ended.
   *
   * @param outcome {@code succeeded} or {@code failed}
   * @param reason why it failed, empty when it succeeded
   */
  default void promoted(String outcome, String reason, long nanos) {}

  /** A record of {@code topic} was sent to its dead-letter topic for {@code reason}. */
  default void deadLettered(String topic, String reason) {}

  /** A writer of {@code branch} opened; {@code depth} reads the work waiting for that branch. */
  default void queue(String branch, IntSupplier depth) {}

  /** Measures nothing. */
  PusherMetrics NONE = new PusherMetrics() {};
}
