package dev.shopset.notifier.domain;

import java.util.List;
import java.util.Map;

/**
 * One Slack message as the notifier sends it: Block Kit blocks (plain maps and lists; the {@code
 * slack} adapter writes them as JSON), the fallback text Slack shows in notifications, and a
 * readable plain rendering for the log mode.
 */
public record SlackMessage(String text, List<Map<String, Object>> blocks, String plain) {

  public SlackMessage {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }
}
