package dev.shopset.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The {@code git} and {@code kubectl} command lines, as a person would use them. */
final class GitCli {

  private final dev.shopset.gitpusher.testing.GitCli cli;

  GitCli(String user, String password) {
    this.cli = new dev.shopset.gitpusher.testing.GitCli(user, password);
  }

  /** Runs git in {@code dir} with the git server's credentials; returns stdout. */
  String git(Path dir, String... args) {
    return cli.git(dir, args);
  }

  /** The commit {@code branch} points at on the remote, or null when it does not exist. */
  String head(String url, String branch) {
    String out = git(Path.of("."), "ls-remote", "--heads", url, "refs/heads/" + branch).strip();
    return out.isEmpty() ? null : out.split("\\s+")[0];
  }

  /** A fresh clone of one branch (with submodules when asked) under {@code parent}. */
  Path clone(Path parent, String url, String branch, boolean submodules) {
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
  String commitAndPush(Path scratch, String url, String branch, String message, String... files) {
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

  /** Runs any command in {@code dir}; fails on a non-zero exit. */
  static String run(Path dir, List<String> command) {
    return dev.shopset.gitpusher.testing.GitCli.run(dir, command);
  }

  static void write(Path file, String text) {
    dev.shopset.gitpusher.testing.GitCli.write(file, text);
  }

  static void delete(Path dir) {
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

  /** Copies a directory tree. */
  /** Replaces {@code text} with {@code replacement} in a file, which must contain it. */
  static void replace(Path file, String text, String replacement) {
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

  static void copy(Path from, Path to) {
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
}
