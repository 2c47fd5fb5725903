package dev.shopset.notifier.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.notifier.domain.Interaction;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Slack's interaction request body ({@code application/x-www-form-urlencoded}, field {@code
 * payload} holding the JSON of a {@code block_actions} click) read into an {@link Interaction}.
 */
public final class SlackForm implements Interaction.Reader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the form body; empty when it is not a {@code block_actions} payload with one action.
   *
   * @throws IllegalArgumentException when the body is not Slack's form with a JSON payload
   */
  @Override
  public Optional<Interaction> read(byte[] formBody) {
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
