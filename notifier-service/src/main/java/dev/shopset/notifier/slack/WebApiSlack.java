package dev.shopset.notifier.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.Message;
import dev.shopset.notifier.domain.SlackException;
import dev.shopset.notifier.domain.SlackMessage;
import dev.shopset.notifier.domain.SlackPort;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slack's Web API through the official SDK's synchronous client. The SDK's own rate limiting lives
 * in its async client; here the caller ({@code ReliableSlack}) owns pacing and retries, so every
 * 429 and 5xx comes back as a {@link SlackException} it can act on.
 */
public final class WebApiSlack implements SlackPort {

  /** The metadata event type that carries our marker, so a lost post can be found again. */
  static final String MARKER_EVENT = "shopset_rollout";

  /** Error codes that no retry can fix: the message goes to the dead-letter topic. */
  private static final Set<String> TERMINAL =
      Set.of(
          "invalid_auth",
          "not_authed",
          "account_inactive",
          "token_revoked",
          "token_expired",
          "channel_not_found",
          "not_in_channel",
          "is_archived",
          "msg_too_long",
          "invalid_blocks",
          "no_text",
          "restricted_action",
          "missing_scope",
          "cant_update_message",
          "message_not_found",
          "invalid_arguments");

  private final MethodsClient methods;
  private final Map<String, String> channelIds = new ConcurrentHashMap<>();

  public WebApiSlack(String apiUrl, String token, Duration timeout) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    int millis = (int) timeout.toMillis();
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientWriteTimeoutMillis(millis);
    config.setHttpClientCallTimeoutMillis(millis);
    config.setPrettyResponseLoggingEnabled(false);
    // Stats would call auth.test behind our back; pacing is ours anyway.
    config.setStatsEnabled(false);
    this.methods = Slack.getInstance(config).methods(token);
  }

  @Override
  public boolean supportsUpdates() {
    return true;
  }

  @Override
  public SlackRef post(String channel, SlackMessage message, String threadTs, String marker)
      throws SlackException {
    ChatPostMessageResponse r =
        call(() ->
            methods.chatPostMessage(req ->
                req.channel(channel)
                    .text(message.text())
                    .blocksAsString(BlockKitJson.blocks(message))
                    .threadTs(threadTs)
                    .unfurlLinks(false)
                    .unfurlMedia(false)
                    .metadata(new Message.Metadata(MARKER_EVENT, Map.of("marker", marker)))));
    channelIds.put(channel, r.getChannel());
    return new SlackRef(r.getChannel(), r.getTs());
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) throws SlackException {
    call(() ->
        methods.chatUpdate(req ->
            req.channel(channel)
                .ts(ts)
                .text(message.text())
                .blocksAsString(BlockKitJson.blocks(message))));
  }

  @Override
  public Optional<SlackRef> findPosted(String channel, String marker, String threadTs)
      throws SlackException {
    String id = channelId(channel);
    List<Message> messages =
        threadTs == null
            ? call(() ->
                    methods.conversationsHistory(
                        req -> req.channel(id).limit(100).includeAllMetadata(true)))
                .getMessages()
            : call(() ->
                    methods.conversationsReplies(
                        req -> req.channel(id).ts(threadTs).limit(100).includeAllMetadata(true)))
                .getMessages();
    if (messages == null) {
      return Optional.empty();
    }
    return messages.stream()
        .filter(m -> m.getMetadata() != null && MARKER_EVENT.equals(m.getMetadata().getEventType()))
        .filter(m -> marker.equals(m.getMetadata().getEventPayload().get("marker")))
        .findFirst()
        .map(m -> new SlackRef(id, m.getTs()));
  }

  /** Channel names resolve to ids once (history needs ids); ids pass through. */
  private String channelId(String channel) throws SlackException {
    String known = channelIds.get(channel);
    if (known != null) {
      return known;
    }
    if (!channel.startsWith("#")) {
      return channel;
    }
    String name = channel.substring(1);
    String cursor = null;
    do {
      String page = cursor;
      ConversationsListResponse list =
          call(() ->
              methods.conversationsList(req -> req.cursor(page).limit(200).excludeArchived(true)));
      for (Conversation c : list.getChannels()) {
        channelIds.putIfAbsent("#" + c.getName(), c.getId());
      }
      cursor =
          list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
    } while (!channelIds.containsKey(channel) && cursor != null && !cursor.isEmpty());
    String id = channelIds.get(channel);
    if (id == null) {
      throw SlackException.terminal("channel_not_found");
    }
    return id;
  }

  private interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  private static <T extends SlackApiTextResponse> T call(Call<T> call) throws SlackException {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      int code = e.getResponse().code();
      if (code == 429) {
        String after = e.getResponse().header("Retry-After");
        throw SlackException.rateLimited(Duration.ofSeconds(parseSeconds(after)));
      }
      if (code >= 500 || code == 408) {
        throw SlackException.transientFailure("http_" + code, e);
      }
      String error = e.getError() != null ? e.getError().getError() : null;
      throw classify(error != null ? error : "http_" + code);
    } catch (IOException e) {
      throw SlackException.transientFailure("network: " + e.getMessage(), e);
    }
    if (!response.isOk()) {
      throw classify(response.getError());
    }
    return response;
  }

  private static SlackException classify(String error) {
    if ("ratelimited".equals(error)) {
      return SlackException.rateLimited(Duration.ofSeconds(1));
    }
    return TERMINAL.contains(error) || error.startsWith("http_4")
        ? SlackException.terminal(error)
        : SlackException.transientFailure(error, null);
  }

  private static long parseSeconds(String value) {
    try {
      return value == null ? 1 : Math.max(0, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
