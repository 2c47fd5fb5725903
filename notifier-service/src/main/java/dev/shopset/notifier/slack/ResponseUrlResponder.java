package dev.shopset.notifier.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.notifier.domain.SlackException;
import dev.shopset.notifier.domain.SlackResponder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ephemeral answers through an interaction's {@code response_url} (no token needed; Slack accepts
 * up to five within 30 minutes of the click): only the person who clicked sees them.
 */
public final class ResponseUrlResponder implements SlackResponder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  public ResponseUrlResponder(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void ephemeral(String responseUrl, String text) throws SlackException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("response_type", "ephemeral");
    body.put("replace_original", false);
    body.put("text", text);
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(responseUrl))
                  .timeout(timeout)
                  .header("Content-Type", "application/json; charset=utf-8")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 429) {
        throw SlackException.rateLimited(Duration.ofSeconds(1));
      }
      if (r.statusCode() != 200) {
        throw SlackException.terminal("response_url answered " + r.statusCode() + ": " + r.body());
      }
    } catch (IOException e) {
      throw SlackException.transientFailure("network: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SlackException.transientFailure("interrupted", e);
    }
  }
}
