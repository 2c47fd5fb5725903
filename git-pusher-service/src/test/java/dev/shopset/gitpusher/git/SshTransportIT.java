package dev.shopset.gitpusher.git;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.gitpusher.config.GitPusherConfig;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.testing.Branches;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.SshGitServer;
import dev.shopset.testkit.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System branches over SSH (a MINA sshd git host on loopback): key and known hosts from per-host
 * files of the credentials directory; an unknown host key or a wrong key stops for good, and the
 * key never shows in the failure.
 */
class SshTransportIT {

  @TempDir static Path root;
  static Fixtures git;
  static SshGitServer ssh;
  static KeyPair client;
  static String app;
  static String config;

  @BeforeAll
  static void start() {
    git = new Fixtures(root);
    app = git.appRepo("app");
    config = git.configRepo("config");
    client = SshGitServer.newKeyPair();
    ssh = SshGitServer.start(root.resolve("repos").toAbsolutePath(), client.getPublic());
  }

  @AfterAll
  static void stop() {
    ssh.close();
    git.close();
  }

  /**
   * A credentials directory with a credential set for the SSH host: its prefix, key, known hosts.
   */
  static RemoteHeads heads(String name, KeyPair key, String knownHosts) throws Exception {
    Path dir = root.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("ssh-host.url"), ssh.prefix() + "\n");
    SshGitServer.writePrivateKey(key, dir.resolve("ssh-host.ssh-privatekey"));
    Files.writeString(dir.resolve("ssh-host.known_hosts"), knownHosts + "\n");
    return new RemoteHeads(git.credentials(dir, ssh.prefix()));
  }

  @Test
  void aSystemBranchIsFetchedAndPushedOverSshWithTheKeyAndKnownHostsOfItsHost() throws Exception {
    git.emptyRepo("system-ssh");
    String url = ssh.url("system-ssh");
    RemoteHeads heads = heads("creds-ok", client, ssh.knownHostsLine());
    String sha;
    try (JGitSystemBranch ws = Branches.open(root.resolve("ws-ssh"), url, TIER, heads)) {
      ws.sync();
      Changes changes = Changes.of(List.of(render(url, app, config, "shop", "eu", 1, 2)));
      assertThat(Branches.commit(ws, Branches.resolution(heads, root.resolve("src")), changes))
          .isPresent();
      sha = ws.push().sha();
    }
    assertThat(git.head(git.server.url("system-ssh"), TIER)).isEqualTo(sha);
    assertThat(heads.heads(url)).containsEntry(TIER, sha);
    Path clone = root.resolve("clone-ssh");
    git.cli.git(root, "clone", "-q", "-b", TIER, git.server.url("system-ssh"), clone.toString());
    assertThat(GitCli.run(clone, List.of("git", "ls-files")).lines())
        .contains("shopsets/shop/eu/kustomization.yaml", "base", "config/shop/standard");
  }

  @Test
  void keyAndKnownHostsGivenAsEnvironmentTextWork() throws Exception {
    git.emptyRepo("system-env");
    String sha = git.commitFiles(git.server.url("system-env"), TIER, "README.md", "hi\n");
    Path keyFile = root.resolve("env-key");
    SshGitServer.writePrivateKey(client, keyFile);
    String keyText = Files.readString(keyFile);
    Files.delete(keyFile);
    GitPusherConfig.Credentials config =
        new GitPusherConfig.Credentials() {
          @Override
          public String dir() {
            return root.resolve("no-files").toString();
          }

          @Override
          public Optional<String> url() {
            return Optional.of(ssh.prefix());
          }

          @Override
          public Optional<String> username() {
            return Optional.empty();
          }

          @Override
          public Optional<String> token() {
            return Optional.empty();
          }

          @Override
          public Optional<String> sshKeyFile() {
            return Optional.empty();
          }

          @Override
          public Optional<String> sshKnownHostsFile() {
            return Optional.empty();
          }

          @Override
          public Optional<String> sshKey() {
            return Optional.of(keyText);
          }

          @Override
          public Optional<String> sshKnownHosts() {
            return Optional.of(ssh.knownHostsLine());
          }
        };
    RemoteHeads heads = new RemoteHeads(GitCredentials.of(config, List.of(ssh.prefix())));
    assertThat(heads.heads(ssh.url("system-env"))).containsEntry(TIER, sha);
  }

  @Test
  void anUnknownHostKeyIsRefusedForGood() throws Exception {
    git.emptyRepo("system-stranger");
    String url = ssh.url("system-stranger");
    String otherHost =
        "[127.0.0.1]:"
            + ssh.port()
            + " "
            + SshGitServer.publicKeyLine(SshGitServer.newKeyPair().getPublic());
    RemoteHeads heads = heads("creds-stranger", client, otherHost);
    try (JGitSystemBranch ws = Branches.open(root.resolve("ws-stranger"), url, TIER, heads)) {
      assertThatThrownBy(ws::sync)
          .isInstanceOfSatisfying(
              GitFailure.class,
              f -> {
                assertThat(f.kind()).as(f.getMessage()).isEqualTo(GitFailure.Kind.TERMINAL);
                assertThat(f.reason()).isEqualTo(FailureReason.HostKeyNotTrusted);
                assertThat(f.getCause()).isNull();
              });
    }
  }

  @Test
  void aKeyTheHostDoesNotKnowIsAnAuthenticationFailureWithoutTheKeyInTheMessage() throws Exception {
    git.emptyRepo("system-wrong-key");
    String url = ssh.url("system-wrong-key");
    KeyPair wrong = SshGitServer.newKeyPair();
    RemoteHeads heads = heads("creds-wrong", wrong, ssh.knownHostsLine());
    String keyText = Files.readString(root.resolve("creds-wrong/ssh-host.ssh-privatekey"));
    String keyBody = keyText.lines().skip(1).findFirst().orElseThrow();
    try (JGitSystemBranch ws = Branches.open(root.resolve("ws-wrong"), url, TIER, heads)) {
      assertThatThrownBy(ws::sync)
          .isInstanceOfSatisfying(
              GitFailure.class,
              f -> {
                assertThat(f.kind()).as(f.getMessage()).isEqualTo(GitFailure.Kind.TERMINAL);
                assertThat(f.reason()).isEqualTo(FailureReason.AuthenticationFailed);
                assertThat(f.getMessage()).doesNotContain(keyBody);
                assertThat(f.getCause()).isNull();
              });
    }
  }
}
