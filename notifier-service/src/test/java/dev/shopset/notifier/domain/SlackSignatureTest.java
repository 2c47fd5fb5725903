package dev.shopset.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.notifier.domain.SlackSignature.Verdict;
import dev.shopset.notifier.slack.SlackInteractions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Slack's v0 request signatures: only a fresh, correctly signed, first-seen request passes. */
class SlackSignatureTest {

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-02T12:00:00Z"));
  private final SlackSignature signature =
      new SlackSignature(SECRET, Duration.ofMinutes(5), now::get);

  private Verdict verify(SlackInteractions.Signed s) {
    return signature.verify(
        s.timestamp(), s.signature(), s.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRequestSignedWithTheSecretWithinTheWindowIsValid() {
    assertThat(verify(SlackInteractions.sign(SECRET, now.get().minusSeconds(30), BODY)))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void theSignatureIsSlacksDocumentedExample() {
    // https://api.slack.com/authentication/verifying-requests-from-slack
    SlackSignature slack =
        new SlackSignature(SECRET, Duration.ofMinutes(5), () -> Instant.ofEpochSecond(1531420618));
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    assertThat(slack.sign("1531420618", body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }

  @Test
  void aTimestampOlderThanTheWindowIsStale() {
    assertThat(verify(SlackInteractions.sign(SECRET, now.get().minusSeconds(301), BODY)))
        .isEqualTo(Verdict.STALE);
  }

  @Test
  void aTimestampFurtherAheadThanTheWindowIsStale() {
    assertThat(verify(SlackInteractions.sign(SECRET, now.get().plusSeconds(301), BODY)))
        .isEqualTo(Verdict.STALE);
  }

  @Test
  void aSignatureMadeWithAnotherSecretOrOverAnotherBodyIsForged() {
    SlackInteractions.Signed other = SlackInteractions.sign("not-the-secret", now.get(), BODY);
    SlackInteractions.Signed good = SlackInteractions.sign(SECRET, now.get(), BODY);
    assertThat(verify(other)).isEqualTo(Verdict.FORGED);
    assertThat(verify(new SlackInteractions.Signed(good.timestamp(), good.signature(), BODY + "x")))
        .isEqualTo(Verdict.FORGED);
    assertThat(verify(good.withSignature("v0=" + "0".repeat(64)))).isEqualTo(Verdict.FORGED);
    assertThat(verify(good.withSignature("garbage"))).isEqualTo(Verdict.FORGED);
  }

  @Test
  void theSameSignedRequestTwiceIsAReplayTheSecondTime() {
    SlackInteractions.Signed s = SlackInteractions.sign(SECRET, now.get(), BODY);
    assertThat(verify(s)).isEqualTo(Verdict.VALID);
    assertThat(verify(s)).isEqualTo(Verdict.REPLAYED);
  }

  @Test
  void signaturesAreForgottenOnceTheirTimestampLeftTheWindowSoMemoryStaysBounded() {
    SlackInteractions.Signed first = SlackInteractions.sign(SECRET, now.get(), BODY);
    assertThat(verify(first)).isEqualTo(Verdict.VALID);
    now.set(now.get().plus(Duration.ofMinutes(6)));
    assertThat(verify(SlackInteractions.sign(SECRET, now.get(), BODY))).isEqualTo(Verdict.VALID);
    assertThat(signature.remembered()).isEqualTo(1);
    assertThat(verify(first)).as("still refused: now stale").isEqualTo(Verdict.STALE);
  }

  @Test
  void missingOrUnreadableHeadersAreRefused() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    SlackInteractions.Signed s = SlackInteractions.sign(SECRET, now.get(), BODY);
    assertThat(signature.verify(null, s.signature(), body)).isEqualTo(Verdict.MISSING);
    assertThat(signature.verify(s.timestamp(), null, body)).isEqualTo(Verdict.MISSING);
    assertThat(signature.verify("", "", body)).isEqualTo(Verdict.MISSING);
    assertThat(signature.verify("yesterday", s.signature(), body)).isEqualTo(Verdict.STALE);
  }
}
