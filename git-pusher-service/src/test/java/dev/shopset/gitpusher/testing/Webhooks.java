package dev.shopset.gitpusher.testing;

import static io.restassured.RestAssured.given;

import dev.shopset.gitpusher.domain.WebhookVerifier;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** GitHub push webhooks, as the git host sends them to {@code POST /webhooks/git}. */
public final class Webhooks {

  /** The secret the test profile configures. */
  public static final String SECRET = "webhook-secret";

  private Webhooks() {}

  /** A push of {@code branch} from {@code before} (null: a new branch) to {@code after}. */
  public static byte[] push(String repository, String branch, String before, String after) {
    return """
    {"ref":"refs/heads/%s","before":"%s","after":"%s","repository":{"clone_url":"%s"}}\
    """
        .formatted(branch, before == null ? "0".repeat(40) : before, after, repository)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Posts {@code body} signed with {@code secret} to the running service. */
  public static ValidatableResponse post(byte[] body, String secret) {
    return post(body, secret, null);
  }

  /** Posts {@code body} as GitHub's delivery {@code delivery} (null: no delivery id). */
  public static ValidatableResponse post(byte[] body, String secret, String delivery) {
    var request = given();
    if (delivery != null) {
      request = request.header("X-GitHub-Delivery", delivery);
    }
    return request
        .header(
            "X-Hub-Signature-256", "sha256=" + new WebhookVerifier(Optional.of(secret)).hmac(body))
        .contentType("application/json")
        .body(body)
        .post("/webhooks/git")
        .then();
  }
}
