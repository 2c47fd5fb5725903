package dev.shopset.gitpusher.git;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.gitpusher.app.SourceResolution;
import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.testing.Branches;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.testkit.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every commit git-pusher makes is signed, and {@code git verify-commit} (the git CLI, with the
 * matching allowed signers file or OpenPGP keyring) accepts each one; a commit it did not make (a
 * person's, unsigned) is refused by the same check.
 */
class SignedCommitsIT {

  static final String EMAIL = "git-pusher@shopset.dev";

  @TempDir static Path root;
  static Fixtures git;
  static String app;
  static String config;
  static RemoteHeads heads;
  static SourceResolution resolution;

  @BeforeAll
  static void start() {
    git = new Fixtures(root);
    app = git.appRepo("app");
    config = git.configRepo("config");
    heads = new RemoteHeads(git.credentials(root.resolve("no-secrets")));
    resolution = Branches.resolution(heads, root.resolve("sources"));
  }

  @AfterAll
  static void stop() {
    git.close();
  }

  /** Three commits (two renders, a pin bump), then a person's, all pushed; the commits. */
  List<String> commitAndPush(String name, CommitSigning signing) throws Exception {
    String system = git.emptyRepo("system-" + name);
    try (SystemBranch ws =
        new JGitSystemBranches(
                root.resolve("ws-" + name), heads, "ShopSet git-pusher", EMAIL, signing)
            .open(new BranchId(system, TIER))) {
      ws.sync();
      Branches.commit(
          ws, resolution, Changes.of(List.of(render(system, app, config, "s", "eu", 1, 1))));
      Branches.commit(
          ws, resolution, Changes.of(List.of(render(system, app, config, "s", "us", 1, 2))));
      String next = git.commitFiles(app, TIER, "v2-" + name + ".txt", "2\n");
      Branches.commit(ws, resolution, Changes.pins(Map.of("base", next)));
      ws.push();
    }
    git.commitFiles(system, TIER, "README.md", "by a person\n");
    Path clone = root.resolve("clone-" + name);
    git.cli.git(root, "clone", "-q", "-b", TIER, system, clone.toString());
    List<String> commits = new ArrayList<>(git.cli.git(clone, "rev-list", TIER).lines().toList());
    assertThat(commits).hasSize(4);
    return commits;
  }

  static int run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  @Test
  void everyCommitSignedWithAnSshKeyVerifiesWithTheAllowedSigners() throws Exception {
    Path keys = Files.createDirectories(root.resolve("ssh-keys"));
    Path key = keys.resolve("signing");
    GitCli.run(
        keys,
        List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", EMAIL, "-f", key.toString()));
    Path allowed = keys.resolve("allowed_signers");
    Files.writeString(allowed, EMAIL + " " + Files.readString(key.resolveSibling("signing.pub")));
    List<String> commits = commitAndPush("ssh", new CommitSigning.Ssh(key, Optional.empty()));
    Path clone = root.resolve("clone-ssh");
    String[] verify = {
      "git", "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit"
    };
    String person = commits.get(0);
    for (String commit : commits.subList(1, 4)) {
      assertThat(run(clone, Map.of(), concat(verify, commit)))
          .as("verify-commit %s", commit)
          .isZero();
    }
    assertThat(run(clone, Map.of(), concat(verify, person))).as("a person's commit").isNotZero();
  }

  @Test
  void everyCommitSignedWithAnOpenPgpKeyVerifiesWithTheKeyring() throws Exception {
    Path home = Files.createDirectories(root.resolve("gnupg"));
    Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = Map.of("GNUPGHOME", home.toString());
    assertThat(
            run(
                home,
                env,
                "gpg",
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "s3cret",
                "--quick-gen-key",
                "ShopSet git-pusher <" + EMAIL + ">",
                "ed25519",
                "sign",
                "never"))
        .isZero();
    Path secret = root.resolve("signing.asc");
    ProcessBuilder export =
        new ProcessBuilder(
                "gpg",
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "s3cret",
                "--armor",
                "--export-secret-keys",
                EMAIL)
            .redirectOutput(secret.toFile());
    export.environment().putAll(env);
    assertThat(export.start().waitFor()).isZero();
    assertThat(Files.readString(secret, StandardCharsets.US_ASCII)).contains("PRIVATE KEY");

    List<String> commits =
        commitAndPush("openpgp", new CommitSigning.OpenPgp(secret, Optional.of("s3cret")));
    Path clone = root.resolve("clone-openpgp");
    String person = commits.get(0);
    for (String commit : commits.subList(1, 4)) {
      assertThat(run(clone, env, "git", "verify-commit", commit))
          .as("verify-commit %s", commit)
          .isZero();
    }
    assertThat(run(clone, env, "git", "verify-commit", person)).as("a person's commit").isNotZero();
  }

  @Test
  void unsignedIsTheDefaultAndAnUnknownFormatIsRefusedAtStartup() throws IOException {
    assertThat(CommitSigning.of("none", Optional.empty(), Optional.empty()))
        .isInstanceOf(CommitSigning.None.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CommitSigning.of("x509", Optional.of("k"), Optional.empty()))
        .hasMessageContaining("none, ssh or openpgp");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CommitSigning.of("ssh", Optional.empty(), Optional.empty()))
        .hasMessageContaining("signing.key-file");
  }

  static String[] concat(String[] a, String b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + 1);
    all[a.length] = b;
    return all;
  }
}
