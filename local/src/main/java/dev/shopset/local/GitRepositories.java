package dev.shopset.local;

import dev.shopset.testkit.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bare repositories of the local run, created and seeded with the git CLI. */
final class GitRepositories {

  private final Path root;

  GitRepositories(Path root) {
    this.root = root;
  }

  boolean exists(String name) {
    return Files.isDirectory(root.resolve(name + ".git"));
  }

  /** Creates an empty bare repository {@code <name>.git}. */
  void createBare(String name) throws IOException, InterruptedException {
    Files.createDirectories(root);
    git(root, "init", "--bare", "-q", "--initial-branch=main", name + ".git");
  }

  /**
   * Creates {@code <name>.git} whose branches all hold {@code content} copied under {@code
   * subdirectory}.
   */
  void createSeeded(String name, Path content, String subdirectory, List<String> branches)
      throws IOException, InterruptedException {
    createBare(name);
    Path work = Files.createTempDirectory("shopset-seed-");
    try {
      git(work, "init", "-q", "--initial-branch=" + branches.getFirst());
      copy(content, work.resolve(subdirectory));
      git(work, "add", "-A");
      git(
          work,
          "-c",
          "user.name=ShopSet examples",
          "-c",
          "user.email=examples@shopset.dev",
          "commit",
          "-q",
          "-m",
          "Seed from " + content.getFileName());
      for (String branch : branches) {
        git(
            work,
            "push",
            "-q",
            root.resolve(name + ".git").toString(),
            "HEAD:refs/heads/" + branch);
      }
    } finally {
      delete(work);
    }
  }

  /** {@code git log --oneline} of a branch, newest first. */
  String log(String name, String branch, int max) throws IOException, InterruptedException {
    return git(
        root.resolve(name + ".git"), "log", "--oneline", "-n", Integer.toString(max), branch);
  }

  /** The commit {@code branch} of {@code name} points at, or null while it does not exist. */
  String head(String name, String branch) throws IOException, InterruptedException {
    String out =
        git(root.resolve(name + ".git"), "for-each-ref", "--format=%(objectname)", ref(branch));
    return out.isBlank() ? null : out.strip();
  }

  /** The commit a submodule at {@code path} is pinned to on {@code branch}, or null. */
  String gitlink(String name, String branch, String path) throws IOException, InterruptedException {
    if (head(name, branch) == null) {
      return null;
    }
    String out = git(root.resolve(name + ".git"), "ls-tree", ref(branch), "--", path);
    // "160000 commit <sha>\t<path>" for a gitlink
    return out.startsWith("160000 commit ") ? out.split("\\s+")[2] : null;
  }

  /** The content of {@code path} on {@code branch}, or null where there is no such file. */
  String show(String name, String branch, String path) throws IOException, InterruptedException {
    if (head(name, branch) == null) {
      return null;
    }
    try {
      return git(root.resolve(name + ".git"), "show", ref(branch) + ":" + path);
    } catch (IOException noSuchFile) {
      return null;
    }
  }

  /**
   * Commits a change a developer would push: {@code file} on {@code branch} of {@code name}
   * rewritten by {@code edit}; returns the new head.
   */
  String commit(
      String name,
      String branch,
      String file,
      java.util.function.UnaryOperator<String> edit,
      String message)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("shopset-edit-");
    try {
      Path bare = root.resolve(name + ".git");
      git(work, "clone", "-q", "--branch", branch, bare.toString(), ".");
      Path target = work.resolve(file);
      Files.writeString(target, edit.apply(Files.readString(target)));
      git(work, "add", "-A");
      git(
          work,
          "-c",
          "user.name=A developer",
          "-c",
          "user.email=developer@shopset.dev",
          "commit",
          "-q",
          "-m",
          message);
      git(work, "push", "-q", "origin", "HEAD:" + ref(branch));
      return head(name, branch);
    } finally {
      delete(work);
    }
  }

  private static String ref(String branch) {
    return "refs/heads/" + branch;
  }

  /** Runs the git CLI in {@code dir}; a failure (its exit and output) is an IOException. */
  static String git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      return GitCli.run(dir, command);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Copies the tree {@code from} to {@code to}. */
  static void copy(Path from, Path to) {
    GitCli.copy(from, to);
  }

  private static void delete(Path dir) {
    GitCli.delete(dir);
  }
}
