package dev.shopset.notifier.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The last click per Promotion and actor on this replica, with its {@code response_url} (valid for
 * 30 minutes), so the watcher's refusal can be shown to the person who clicked, where only they see
 * it. Best effort: the thread reply is the record everyone sees.
 */
public final class RecentClicks {

  private static final Duration VALID = Duration.ofMinutes(30);

  private record Click(String responseUrl, Instant at) {}

  private final Map<String, Click> clicks = new ConcurrentHashMap<>();
  private final Supplier<Instant> clock;

  public RecentClicks(Supplier<Instant> clock) {
    this.clock = clock;
  }

  public void remember(String promotionKey, String actor, String responseUrl) {
    if (responseUrl == null) {
      return;
    }
    Instant now = clock.get();
    clicks.values().removeIf(c -> c.at().plus(VALID).isBefore(now));
    clicks.put(promotionKey + "|" + actor, new Click(responseUrl, now));
  }

  /** The response URL of {@code actor}'s last click on the Promotion, taken (used once). */
  public Optional<String> take(String promotionKey, String actor) {
    Click c = clicks.remove(promotionKey + "|" + actor);
    return c == null || c.at().plus(VALID).isBefore(clock.get())
        ? Optional.empty()
        : Optional.of(c.responseUrl());
  }

  /**
   * The response URL of the last click on the Promotion by an actor that {@code message} names (the
   * watcher's refusals start with who was refused), taken.
   */
  public Optional<String> takeNamed(String promotionKey, String message) {
    if (message == null) {
      return Optional.empty();
    }
    String prefix = promotionKey + "|";
    for (Map.Entry<String, Click> e : clicks.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(prefix) && message.contains(key.substring(prefix.length()) + " ")) {
        return take(promotionKey, key.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }
}
