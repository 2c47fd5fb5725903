package dev.shopset.notifier.domain;

/** Answers one person who clicked, where only they see it (Slack's {@code response_url}). */
public interface SlackResponder {

  /** Posts an ephemeral message to {@code responseUrl}; it leaves the original message as is. */
  void ephemeral(String responseUrl, String text) throws SlackException;
}
