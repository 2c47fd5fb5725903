package dev.shopset.notifier.domain;

import java.util.Optional;

/** The durable rollout id → Slack message mapping. */
public interface MessageStore {

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
