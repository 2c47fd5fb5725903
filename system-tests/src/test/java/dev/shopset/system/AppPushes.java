package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.testkit.GitCli;
import java.nio.file.Path;

/** New code on an app repository branch, as a developer pushes it, announced by a webhook. */
final class AppPushes {

  private AppPushes() {}

  /**
   * Appends a comment ({@code note}) to the base Deployment on {@code branch}, pushes it, sends the
   * signed push webhook to git-pusher, and returns the new head.
   */
  static String push(Stack stack, String branch, String note) {
    String url = stack.url("app");
    String before = stack.cli.head(url, branch);
    Path work = stack.cli.clone(stack.scratch(), url, branch, false);
    Path deployment = work.resolve(Stack.APP_PATH + "/deployment.yaml");
    try {
      java.nio.file.Files.writeString(
          deployment, "# " + note + "\n", java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    stack.cli.git(work, "commit", "-q", "-am", note);
    stack.cli.git(work, "push", "-q", "origin", "HEAD:refs/heads/" + branch);
    String after = stack.cli.git(work, "rev-parse", "HEAD").strip();
    GitCli.delete(work);
    byte[] payload = Http.pushPayload(url, branch, before, after);
    Http.Answer answer =
        Http.post(
            stack.service(Stack.PUSHER).url("/webhooks/git"),
            "application/json",
            payload,
            "X-Hub-Signature-256",
            Http.githubSignature(Stack.WEBHOOK_SECRET, payload));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return after;
  }
}
