package dev.shopset.local;

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
class GitHttpServerIT {

  @Test
  void servesCloneAndPushWithCredentials(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("repos"));
    git(root, "init", "--bare", "-q", "--initial-branch=main", "app.git");
    try (GitHttpServer server = GitHttpServer.start(root, 0, "shopset", "s3cret")) {
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
