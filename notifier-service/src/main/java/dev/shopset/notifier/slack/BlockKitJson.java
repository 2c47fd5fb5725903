package dev.shopset.notifier.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shopset.notifier.domain.SlackMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message's Block Kit blocks as the JSON Slack's Web API takes. */
public final class BlockKitJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BlockKitJson() {}

  /** The blocks of {@code message} as JSON, or null when it has none. */
  public static String blocks(SlackMessage message) {
    return message.blocks().isEmpty() ? null : write(JSON, message.blocks());
  }

  /** The whole message as an indented JSON payload, e.g. for the Block Kit Builder. */
  public static String payload(SlackMessage message) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("text", message.text());
    payload.put("blocks", message.blocks());
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
