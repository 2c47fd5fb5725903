package dev.shopset.gitpusher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code git} (and {@code kubectl}) command line, with the test host's credentials. */
public final class GitCli {

  private final String user;
  private final String password;

  public GitCli(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** Runs git in {@code dir}; returns stdout; fails on a non-zero exit. */
  public String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-c");
    command.add(
        "credential.helper=!f() { echo username="
            + user
            + "; echo password="
            + password
            + "; }; f");
    command.add("-c");
    command.add("user.name=A Human");
    command.add("-c");
    command.add("user.email=human@example.com");
    command.add("-c");
    command.add("init.defaultBranch=main");
    // Submodules of local repositories (file://) in tests.
    command.add("-c");
    command.add("protocol.file.allow=always");
    command.addAll(List.of(args));
    return run(dir, command);
  }

  /** Runs any command in {@code dir}. */
  public static String run(Path dir, List<String> command) {
    try {
      Files.createDirectories(dir);
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.environment().put("GIT_TERMINAL_PROMPT", "0");
      builder.redirectErrorStream(true);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes a file, creating directories. */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
