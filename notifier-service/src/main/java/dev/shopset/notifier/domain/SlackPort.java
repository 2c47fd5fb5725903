package dev.shopset.notifier.domain;

import java.util.Optional;

/** The notifier's one boundary to Slack: the Web API, an incoming webhook, or the log. */
public interface SlackPort {

  /** Whether posted messages can be updated and threaded ({@code false} for a webhook). */
  boolean supportsUpdates();

  /**
   * Posts a message.
   *
   * @param threadTs the parent's ts for a thread reply, or null
   * @param marker a unique marker stored with the message so {@link #findPosted} can find it
   * @return where the message is: channel id and ts (null ts when the mode gives none)
   */
  SlackRef post(String channel, SlackMessage message, String threadTs, String marker)
      throws SlackException;

  /** Replaces the content of a posted message ({@code channel} as {@link SlackRef} gave it). */
  void update(String channel, String ts, SlackMessage message) throws SlackException;

  /** A posted message: the channel's id (Slack answers with ids) and the message ts. */
  record SlackRef(String channel, String ts) {}

  /**
   * The ts of a message carrying {@code marker} in the channel (or in the thread of {@code
   * threadTs}), posted by an earlier attempt whose answer was lost or rate-limited.
   */
  Optional<SlackRef> findPosted(String channel, String marker, String threadTs)
      throws SlackException;
}
