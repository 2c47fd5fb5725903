package dev.shopset.notifier.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.webhook.WebhookResponse;
import dev.shopset.notifier.domain.SlackException;
import dev.shopset.notifier.domain.SlackMessage;
import dev.shopset.notifier.domain.SlackPort;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An incoming webhook: posts only, to the one channel the webhook belongs to. Slack gives no ts, so
 * messages cannot be updated or threaded: a rollout gets its first message and its outcome.
 */
public final class WebhookSlack implements SlackPort {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Slack slack;
  private final String url;

  public WebhookSlack(String url, Duration timeout) {
    SlackConfig config = new SlackConfig();
    int millis = (int) timeout.toMillis();
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientCallTimeoutMillis(millis);
    this.slack = Slack.getInstance(config);
    this.url = url;
  }

  @Override
  public boolean supportsUpdates() {
    return false;
  }

  @Override
  public SlackRef post(String channel, SlackMessage message, String threadTs, String marker)
      throws SlackException {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("text", message.text());
    payload.put("blocks", message.blocks());
    WebhookResponse response;
    try {
      response = slack.send(url, JSON.writeValueAsString(payload));
    } catch (IOException e) {
      throw SlackException.transientFailure("network: " + e.getMessage(), e);
    }
    int code = response.getCode();
    if (code == 200) {
      return new SlackRef(channel, null);
    }
    if (code == 429) {
      String after = first(response, "Retry-After");
      return throwRateLimited(after);
    }
    if (code >= 500) {
      throw SlackException.transientFailure("http_" + code, null);
    }
    // 403 action_prohibited, 404 no_service / channel_not_found, 410 channel_is_archived...
    throw SlackException.terminal(
        response.getBody() == null || response.getBody().isBlank()
            ? "http_" + code
            : response.getBody().strip());
  }

  private static SlackRef throwRateLimited(String after) throws SlackException {
    long seconds;
    try {
      seconds = after == null ? 1 : Long.parseLong(after.strip());
    } catch (NumberFormatException e) {
      seconds = 1;
    }
    throw SlackException.rateLimited(Duration.ofSeconds(seconds));
  }

  private static String first(WebhookResponse response, String header) {
    if (response.getHeaders() == null) {
      return null;
    }
    return response.getHeaders().entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(header))
        .flatMap(e -> e.getValue().stream())
        .findFirst()
        .orElse(null);
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) {
    throw new UnsupportedOperationException("an incoming webhook cannot update messages");
  }

  @Override
  public Optional<SlackRef> findPosted(String channel, String marker, String threadTs) {
    return Optional.empty();
  }
}
