package dev.shopset.gitpusher.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks push webhooks: GitHub's {@code X-Hub-Signature-256} and Gitea's {@code X-Gitea-Signature}
 * (HMAC-SHA256 of the body), GitLab's {@code X-Gitlab-Token} (the secret). Without a configured
 * secret every request is refused.
 */
public final class WebhookVerifier {

  private final Optional<String> secret;

  public WebhookVerifier(Optional<String> secret) {
    this.secret = secret.filter(s -> !s.isBlank());
  }

  /** True when one of the headers proves the sender knows the secret. */
  public boolean verify(
      byte[] body, String githubSignature, String giteaSignature, String gitlabToken) {
    if (secret.isEmpty()) {
      return false;
    }
    if (githubSignature != null) {
      return githubSignature.startsWith("sha256=")
          && equal(githubSignature.substring(7), hmac(body));
    }
    if (giteaSignature != null) {
      return equal(giteaSignature, hmac(body));
    }
    if (gitlabToken != null) {
      return equal(gitlabToken, secret.get());
    }
    return false;
  }

  /** Hex HMAC-SHA256 of the body with the secret. */
  public String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(secret.orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(
        a.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8),
        b.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }
}
