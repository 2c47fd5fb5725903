package dev.shopset.notifier.domain;

import java.util.Optional;

/**
 * One button click as Slack sends it ({@code block_actions}, form field {@code payload}): who
 * clicked, which button with which value, and where to answer.
 */
public record Interaction(
    String userId,
    String userName,
    String actionId,
    String value,
    String actionTs,
    String triggerId,
    String responseUrl,
    String channelId,
    String messageTs) {

  /** Unique per click, the same for a redelivery of it: {@code trigger_id/action_ts}. */
  public String interactionId() {
    return triggerId + "/" + actionTs;
  }

  /** Reads Slack's interaction request bodies (the port the {@code api} adapter implements). */
  @FunctionalInterface
  public interface Reader {
    /**
     * The click in a form body; empty when it is not a {@code block_actions} payload with one
     * action.
     *
     * @throws IllegalArgumentException when the body is not Slack's form with a JSON payload
     */
    Optional<Interaction> read(byte[] formBody);
  }
}
