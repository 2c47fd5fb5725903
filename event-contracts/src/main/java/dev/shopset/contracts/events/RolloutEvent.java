package dev.shopset.contracts.events;

/**
 * On {@code shopset.rollouts}, keyed {@code namespace/deployment}: a Deployment rollout of a
 * ShopSet-managed workload. Each rollout gives one started, any number of progressing, and one
 * final event (succeeded, failed or rolled back).
 */
public sealed interface RolloutEvent extends ShopSetEvent
    permits RolloutStarted, RolloutProgressing, RolloutSucceeded, RolloutFailed, RolloutRolledBack {
  Rollout rollout();

  ReplicaCounts replicas();

  /** Whether this ends the rollout. */
  default boolean isFinal() {
    return !(this instanceof RolloutStarted || this instanceof RolloutProgressing);
  }

  @Override
  default String subject() {
    return key();
  }

  @Override
  default String key() {
    return Keys.object(rollout().namespace(), rollout().deployment());
  }
}
