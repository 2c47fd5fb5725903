package dev.shopset.notifier.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Interaction requests as Slack sends them when someone clicks a button: a {@code block_actions}
 * payload, form-encoded, signed with the app's signing secret (Slack's v0 scheme).
 */
public final class SlackInteractions {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong CLICKS = new AtomicLong();

  /** One signed request: its headers and body. */
  public record Signed(String timestamp, String signature, String body) {
    /** The same request with another signature. */
    public Signed withSignature(String other) {
      return new Signed(timestamp, other, body);
    }
  }

  private SlackInteractions() {}

  /**
   * The form body of a click by {@code user} on the button {@code actionId} with {@code value};
   * {@code responseId} names its response_url in {@code stub}.
   */
  public static String click(
      SlackStub stub, String user, String actionId, String value, String responseId) {
    long n = CLICKS.incrementAndGet();
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("type", "button");
    action.put("action_id", actionId);
    action.put("block_id", "shopset_promotion");
    action.put("value", value);
    action.put("action_ts", Instant.now().getEpochSecond() + "." + String.format("%06d", n));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", "block_actions");
    payload.put("user", Map.of("id", user, "username", user.toLowerCase()));
    payload.put("trigger_id", "13345224609." + n + ".a1b2c3");
    payload.put("team", Map.of("id", "T000"));
    payload.put("channel", Map.of("id", "C0001"));
    payload.put("container", Map.of("type", "message", "message_ts", "1700000000.000001"));
    payload.put("response_url", stub.responseUrl(responseId));
    payload.put("actions", List.of(action));
    try {
      return "payload="
          + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code body} signed with {@code secret} as of {@code at}. */
  public static Signed sign(String secret, Instant at, String body) {
    String timestamp = Long.toString(at.getEpochSecond());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return new Signed(timestamp, "v0=" + HexFormat.of().formatHex(digest), body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
