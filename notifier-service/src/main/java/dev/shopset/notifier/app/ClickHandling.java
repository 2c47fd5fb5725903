package dev.shopset.notifier.app;

import java.util.Optional;

/**
 * Slack's button clicks as this replica handles them: the handler, or none when interactivity is
 * off (no signing secret configured).
 */
public record ClickHandling(InteractionHandler handler) {

  /** The handler, or empty when interactivity is disabled. */
  public Optional<InteractionHandler> enabled() {
    return Optional.ofNullable(handler);
  }
}
