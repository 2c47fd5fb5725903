package dev.shopset.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.notifier.slack.SlackInteractions;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.notifier.slack.SlackStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a signing secret, Slack's buttons are off and the endpoint says how to turn them on. */
@QuarkusTest
@TestProfile(InteractivityDisabledIT.NoSigningSecret.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SlackStubResource.class)
class InteractivityDisabledIT {

  /** The %test profile without the signing secret. */
  public static class NoSigningSecret implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("notifier.interactions.signing-secret", "");
    }
  }

  @Test
  void withoutASigningSecretEveryInteractionIs503AndNamesTheSettingToSet() {
    SlackInteractions.Signed s =
        SlackInteractions.sign(
            "it-signing-secret",
            Instant.now(),
            SlackInteractions.click(
                SlackStub.shared(), "U0ALICE", "shopset_approve", "p", "it-disabled"));
    given()
        .contentType("application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", s.timestamp())
        .header("X-Slack-Signature", s.signature())
        .body(s.body())
        .when()
        .post("/slack/interactions")
        .then()
        .statusCode(503)
        .body(containsString("interactivity is disabled"))
        .body(containsString("SLACK_SIGNING_SECRET"));
  }
}
