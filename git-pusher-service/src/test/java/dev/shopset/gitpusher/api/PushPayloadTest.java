package dev.shopset.gitpusher.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.SourceChanged;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PushPayloadTest {

  static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void githubAndGiteaNameTheRepositoryByCloneUrl() {
    String body =
        """
        {"ref":"refs/heads/tier-a","before":"aaa","after":"bbb",
         "repository":{"clone_url":"https://git.example/org/app.git","html_url":"x"}}\
        """;
    assertThat(PushPayload.parse(json(body)))
        .contains(new SourceChanged("https://git.example/org/app.git", "tier-a", "aaa", "bbb"));
  }

  @Test
  void gitlabNamesItByProjectHttpUrl() {
    String body =
        """
        {"object_kind":"push","ref":"refs/heads/main","before":"0000000000000000000000000000000000000000",
         "after":"ccc","project":{"git_http_url":"https://gitlab.example/g/app.git"}}\
        """;
    assertThat(PushPayload.parse(json(body)))
        .contains(new SourceChanged("https://gitlab.example/g/app.git", "main", null, "ccc"));
  }

  @Test
  void tagsAndBranchDeletionsAreIgnored() {
    assertThat(PushPayload.parse(json("{\"ref\":\"refs/tags/v1\",\"after\":\"1\"}"))).isEmpty();
    assertThat(
            PushPayload.parse(
                json(
                    "{\"ref\":\"refs/heads/x\",\"after\":\"0000000000000000000000000000000000000000\"}")))
        .isEmpty();
  }
}
