package dev.shopset.notifier.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Unique per click, the same for a redelivery of it: {@code trigger_id/action_ts}. */
  public String interactionId() {
    return triggerId + "/" + actionTs;
  }

  /**
   * Reads the form body; empty when it is not a {@code block_actions} payload with one action.
   *
   * @throws IllegalArgumentException when the body is not Slack's form with a JSON payload
   */
  public static Optional<Interaction> parse(byte[] formBody) {
    String payload = null;
    for (String pair : new String(formBody, StandardCharsets.UTF_8).split("&")) {
      if (pair.startsWith("payload=")) {
        payload = URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
      }
    }
    if (payload == null) {
      throw new IllegalArgumentException("Expected a form field 'payload' with Slack's JSON");
    }
    JsonNode p;
    try {
      p = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("The payload is not JSON: " + e.getMessage(), e);
    }
    if (!"block_actions".equals(p.path("type").asText()) || p.path("actions").size() != 1) {
      return Optional.empty();
    }
    JsonNode action = p.path("actions").get(0);
    return Optional.of(
        new Interaction(
            text(p.path("user").path("id")),
            text(p.path("user").path("username")),
            text(action.path("action_id")),
            text(action.path("value")),
            text(action.path("action_ts")),
            text(p.path("trigger_id")),
            text(p.path("response_url")),
            text(p.path("channel").path("id")),
            text(p.path("container").path("message_ts"))));
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
