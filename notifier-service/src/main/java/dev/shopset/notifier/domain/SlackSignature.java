package dev.shopset.notifier.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature ({@code X-Slack-Signature = v0=hex(HMAC-SHA256(secret, "v0:" +
 * X-Slack-Request-Timestamp + ":" + body))}): constant-time comparison, a timestamp window either
 * side of now, and each signature accepted once within that window. Pure but for the clock.
 */
public final class SlackSignature {

  /** What a request's signature amounts to; only {@link #VALID} may have an effect. */
  public enum Verdict {
    VALID,
    MISSING,
    STALE,
    FORGED,
    REPLAYED;

    /** Why it was refused, for the 401 body and the log. */
    public String explanation() {
      return switch (this) {
        case VALID -> "valid";
        case MISSING -> "X-Slack-Signature and X-Slack-Request-Timestamp are required";
        case STALE -> "X-Slack-Request-Timestamp is outside the accepted window";
        case FORGED -> "the signature does not match the signing secret";
        case REPLAYED -> "this request was already received";
      };
    }
  }

  private static final String VERSION = "v0";

  private final byte[] secret;
  private final Duration window;
  private final Supplier<Instant> clock;
  // Signatures seen, with when they may be forgotten (their timestamp leaves the window).
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  public SlackSignature(String signingSecret, Duration window, Supplier<Instant> clock) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("A Slack signing secret is required");
    }
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.window = window;
    this.clock = clock;
  }

  /** The signature Slack would send for {@code body} at {@code timestamp} (epoch seconds). */
  public String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Checks one request; a {@link Verdict#VALID} signature is remembered and refused next time. */
  public Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
      return Verdict.MISSING;
    }
    Instant at;
    try {
      at = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Verdict.STALE;
    }
    Instant now = clock.get();
    if (at.isBefore(now.minus(window)) || at.isAfter(now.plus(window))) {
      return Verdict.STALE;
    }
    byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
      return Verdict.FORGED;
    }
    forgetOlderThan(now);
    if (seen.putIfAbsent(signature.strip(), at.plus(window)) != null) {
      return Verdict.REPLAYED;
    }
    return Verdict.VALID;
  }

  /** How many signatures are remembered (bounded by the requests of one window). */
  public int remembered() {
    return seen.size();
  }

  private void forgetOlderThan(Instant now) {
    for (Iterator<Map.Entry<String, Instant>> i = seen.entrySet().iterator(); i.hasNext(); ) {
      if (i.next().getValue().isBefore(now)) {
        i.remove();
      }
    }
  }
}
