package dev.shopset.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code git} (and {@code kubectl}) command line as a person uses it, with a git host's
 * credentials; and the file chores around it (write, replace, copy, delete a tree).
 */
public final class GitCli {

  private final String user;
  private final String password;

  /** A person who authenticates to the git host as {@code user} with {@code password}. */
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

  /** The commit {@code branch} points at on the remote, or null when it does not exist. */
  public String head(String url, String branch) {
    String out = git(Path.of("."), "ls-remote", "--heads", url, "refs/heads/" + branch).strip();
    return out.isEmpty() ? null : out.split("\\s+")[0];
  }

  /** A fresh clone of one branch (with submodules when asked) under {@code parent}. */
  public Path clone(Path parent, String url, String branch, boolean submodules) {
    Path dir = parent.resolve("clone-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("clone", "-q", "-b", branch));
    if (submodules) {
      args.add("--recurse-submodules");
    }
    args.add(url);
    args.add(dir.toString());
    git(parent, args.toArray(String[]::new));
    return dir;
  }

  /** Clones {@code branch}, writes the files (path, content pairs), commits and pushes. */
  public String commitAndPush(
      Path scratch, String url, String branch, String message, String... files) {
    Path work = clone(scratch, url, branch, false);
    try {
      for (int i = 0; i < files.length; i += 2) {
        write(work.resolve(files[i]), files[i + 1]);
      }
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", message);
      git(work, "push", "-q", "origin", "HEAD:refs/heads/" + branch);
      return git(work, "rev-parse", "HEAD").strip();
    } finally {
      delete(work);
    }
  }

  /** Runs any command in {@code dir} (created if missing); fails on a non-zero exit. */
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

  /** Replaces {@code text} with {@code replacement} in a file, which must contain it. */
  public static void replace(Path file, String text, String replacement) {
    try {
      String content = Files.readString(file);
      if (!content.contains(text)) {
        throw new IllegalStateException(file + " does not contain " + text);
      }
      Files.writeString(file, content.replace(text, replacement));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the tree {@code from} to {@code to}. */
  public static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a tree, if it is there. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
