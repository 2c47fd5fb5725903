package dev.shopset.notifier.domain;

import dev.shopset.contracts.retry.Backoff;
import java.time.Duration;
import java.util.Optional;

/** The durable rollout id → Slack message mapping. */
public interface MessageStore {

  /**
   * How a write the store refused ({@link StoreException}: a leader change, briefly) is retried, by
   * every writer of the mapping.
   */
  Backoff RETRY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

  Optional<PostedMessage> get(String rolloutId);

  /** Stores durably: returns only once the entry survives a crash. */
  void put(PostedMessage message);

  /** The mapping could not be read or written; trying again may succeed. */
  class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
