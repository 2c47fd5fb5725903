package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

  static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
  // printf '%s' '{"ref":"refs/heads/main"}' | openssl dgst -sha256 -hmac s3cret
  static final String OPENSSL_HMAC =
      "232a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f43";
  final WebhookVerifier verifier = new WebhookVerifier(Optional.of("s3cret"));

  @Test
  void githubAndGiteaSignaturesAreHmacsOfTheBody() {
    String hmac = verifier.hmac(BODY);
    assertThat(hmac).isEqualTo(OPENSSL_HMAC);
    assertThat(verifier.verify(BODY, "sha256=" + hmac, null, null)).isTrue();
    assertThat(verifier.verify(BODY, null, hmac, null)).isTrue();
    assertThat(verifier.verify(BODY, "sha256=" + hmac.replace(hmac.charAt(0), 'x'), null, null))
        .isFalse();
    assertThat(verifier.verify("{}".getBytes(StandardCharsets.UTF_8), null, hmac, null)).isFalse();
    assertThat(verifier.verify(BODY, hmac, null, null))
        .as("GitHub needs the sha256= prefix")
        .isFalse();
  }

  @Test
  void gitlabSendsTheSecretItself() {
    assertThat(verifier.verify(BODY, null, null, "s3cret")).isTrue();
    assertThat(verifier.verify(BODY, null, null, "guess")).isFalse();
  }

  @Test
  void noSignatureOrNoConfiguredSecretRefuses() {
    assertThat(verifier.verify(BODY, null, null, null)).isFalse();
    assertThat(new WebhookVerifier(Optional.empty()).verify(BODY, null, null, "")).isFalse();
  }
}
