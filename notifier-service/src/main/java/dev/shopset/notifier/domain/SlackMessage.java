package dev.shopset.notifier.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * One Slack message as the notifier sends it: Block Kit blocks, the fallback text Slack shows in
 * notifications, and a readable plain rendering for the log mode.
 */
public record SlackMessage(String text, List<Map<String, Object>> blocks, String plain) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public SlackMessage {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  /** The blocks as the JSON array Slack's {@code blocks} argument takes, or null when none. */
  public String blocksJson() {
    return blocks.isEmpty() ? null : write(JSON, blocks);
  }

  /** The whole message as an indented JSON payload, e.g. for the Block Kit Builder. */
  public String prettyPayload() {
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("text", text);
    payload.put("blocks", blocks);
    return write(PRETTY, payload);
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Blocks are plain maps and lists", e);
    }
  }
}
