package dev.shopset.notifier.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A MessageStore in a map, for tests of the domain alone. */
public final class InMemoryStore implements MessageStore {

  public final Map<String, PostedMessage> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<PostedMessage> get(String rolloutId) {
    return Optional.ofNullable(entries.get(rolloutId));
  }

  @Override
  public void put(PostedMessage message) {
    entries.put(message.rolloutId(), message);
  }
}
