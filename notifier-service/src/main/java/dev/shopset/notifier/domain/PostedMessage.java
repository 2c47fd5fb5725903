package dev.shopset.notifier.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What the notifier has done in Slack for one rollout; kept in {@code shopset.notifier.messages}
 * keyed by rollout id so a restart or redelivery continues the same message.
 *
 * @param channel where the message goes: the routed channel name or id (also the lane's key)
 * @param channelId the channel id Slack answered with, which updates need
 * @param ts the message's ts, null until Slack accepted the post (and always for a webhook)
 * @param posted the rollout's message is in Slack
 * @param postAttempted a post was sent and its answer may have been lost: look before posting
 * @param finalShown the message shows the rollout's outcome
 * @param replied the outcome reply is in the thread
 * @param handledEvents the CloudEvent ids handled lately (newest last, bounded)
 */
public record PostedMessage(
    String rolloutId,
    String channel,
    String channelId,
    String ts,
    boolean posted,
    boolean postAttempted,
    boolean finalShown,
    boolean replied,
    List<String> handledEvents) {

  static final int REMEMBERED_EVENTS = 32;

  public PostedMessage {
    handledEvents = handledEvents == null ? List.of() : List.copyOf(handledEvents);
  }

  public static PostedMessage none(String rolloutId, String channel) {
    return new PostedMessage(rolloutId, channel, null, null, false, false, false, false, List.of());
  }

  public boolean handled(String eventId) {
    return handledEvents.contains(eventId);
  }

  public PostedMessage attempting() {
    return new PostedMessage(
        rolloutId, channel, channelId, ts, posted, true, finalShown, replied, handledEvents);
  }

  public PostedMessage posted(SlackPort.SlackRef ref, boolean isFinal) {
    return new PostedMessage(
        rolloutId, channel, ref.channel(), ref.ts(), true, false, isFinal, replied, handledEvents);
  }

  PostedMessage showingFinal() {
    return new PostedMessage(
        rolloutId, channel, channelId, ts, posted, postAttempted, true, replied, handledEvents);
  }

  PostedMessage withReply() {
    return new PostedMessage(
        rolloutId, channel, channelId, ts, posted, postAttempted, finalShown, true, handledEvents);
  }

  public PostedMessage handling(String eventId) {
    List<String> ids = new ArrayList<>(handledEvents);
    ids.add(eventId);
    while (ids.size() > REMEMBERED_EVENTS) {
      ids.removeFirst();
    }
    return new PostedMessage(
        rolloutId, channel, channelId, ts, posted, postAttempted, finalShown, replied, ids);
  }
}
