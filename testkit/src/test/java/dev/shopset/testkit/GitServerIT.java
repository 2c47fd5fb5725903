package dev.shopset.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git CLI clones from and pushes to the server over smart HTTP with basic auth. */
class GitServerIT {

  @Test
  void servesCloneAndPushWithCredentials(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("repos"));
    git(root, "init", "--bare", "-q", "--initial-branch=main", "app.git");
    try (GitServer server = GitServer.start(root, 0, "shopset", "s3cret")) {
      String withAuth = server.url("app").replace("http://", "http://shopset:s3cret@");

      Path work = Files.createDirectories(dir.resolve("work"));
      git(work, "init", "-q", "--initial-branch=main");
      Files.writeString(work.resolve("README"), "hello\n");
      git(work, "add", "README");
      git(work, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "first");
      git(work, "push", "-q", withAuth, "main");

      git(dir, "clone", "-q", withAuth, "clone");
      assertThat(dir.resolve("clone/README")).hasContent("hello");

      Result denied =
          run(
              dir,
              "git",
              "-c",
              "credential.helper=",
              "ls-remote",
              server.url("app").replace("http://", "http://shopset:wrong@"));
      assertThat(denied.exitCode()).isNotZero();
      assertThat(denied.output()).containsIgnoringCase("authentication failed");

      server.setAvailable(false);
      Result down = run(dir, "git", "ls-remote", withAuth);
      assertThat(down.exitCode()).isNotZero();
      assertThat(down.output()).contains("503");
    }
  }

  @Test
  void aSilencedRepositoryGetsNoAnswerUntilItAnswersAgain(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("repos"));
    git(root, "init", "--bare", "-q", "--initial-branch=main", "quiet.git");
    git(root, "init", "--bare", "-q", "--initial-branch=main", "other.git");
    try (GitServer server = GitServer.start(root, 0, "shopset", "s3cret")) {
      var client =
          java.net.http.HttpClient.newBuilder()
              // Plain HTTP/1.1, as git speaks it: no h2c upgrade holding the second request.
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .authenticator(
                  new java.net.Authenticator() {
                    @Override
                    protected java.net.PasswordAuthentication getPasswordAuthentication() {
                      return new java.net.PasswordAuthentication("shopset", "s3cret".toCharArray());
                    }
                  })
              .build();
      java.util.function.Function<String, java.net.http.HttpRequest> refs =
          name ->
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(server.url(name) + "/info/refs?service=git-upload-pack"))
                  .header(
                      "Authorization",
                      "Basic "
                          + java.util.Base64.getEncoder()
                              .encodeToString("shopset:s3cret".getBytes(StandardCharsets.UTF_8)))
                  // Only the silenced repository is expected not to answer within seconds.
                  .timeout(java.time.Duration.ofSeconds(name.equals("quiet") ? 2 : 30))
                  .build();
      server.setSilent("quiet", true);

      var pending =
          client.sendAsync(
              refs.apply("quiet"), java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(
              client
                  .send(refs.apply("other"), java.net.http.HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .as("other repositories answer")
          .isEqualTo(200);
      assertThat(pending)
          .failsWithin(java.time.Duration.ofSeconds(10))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(java.net.http.HttpTimeoutException.class);

      server.setSilent("quiet", false);
      assertThat(
              client
                  .send(refs.apply("quiet"), java.net.http.HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Result result = run(dir, command.toArray(String[]::new));
    assertThat(result.exitCode()).as("%s: %s", command, result.output()).isZero();
  }

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out);
  }

  private record Result(int exitCode, String output) {}
}
