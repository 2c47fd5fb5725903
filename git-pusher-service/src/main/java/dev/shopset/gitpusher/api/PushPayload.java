package dev.shopset.gitpusher.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.contracts.events.SourceChanged;
import java.io.IOException;
import java.util.Optional;

/** Reads the push payloads of GitHub, GitLab and Gitea into a {@link SourceChanged}. */
public final class PushPayload {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZERO = "0000000000000000000000000000000000000000";

  private PushPayload() {}

  /** The branch push the payload describes; empty for tags, deletions and other events. */
  public static Optional<SourceChanged> parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The payload is not JSON");
    }
    String ref = text(root, "ref");
    String after = text(root, "after");
    if (ref == null || !ref.startsWith("refs/heads/") || after == null || after.equals(ZERO)) {
      return Optional.empty();
    }
    String url = text(root.path("repository"), "clone_url");
    if (url == null) {
      url = text(root.path("project"), "git_http_url");
    }
    if (url == null) {
      url = text(root.path("repository"), "git_http_url");
    }
    if (url == null) {
      throw new IllegalArgumentException("The payload names no repository clone URL");
    }
    String before = text(root, "before");
    return Optional.of(
        new SourceChanged(
            url,
            ref.substring("refs/heads/".length()),
            before == null || before.equals(ZERO) ? null : before,
            after));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
