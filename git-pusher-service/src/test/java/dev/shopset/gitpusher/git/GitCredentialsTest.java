package dev.shopset.gitpusher.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCredentialsTest {

  @TempDir Path dir;

  static String[] userAndPassword(CredentialsProvider provider, String url) throws Exception {
    CredentialItem.Username user = new CredentialItem.Username();
    CredentialItem.Password password = new CredentialItem.Password();
    assertThat(provider.get(new URIish(url), user, password)).isTrue();
    return new String[] {user.getValue(), new String(password.getValue())};
  }

  @Test
  void filesOfAHostWinOverTheConfiguredUsernameAndToken() throws Exception {
    Files.writeString(dir.resolve("git.example.com.username"), "bot\n");
    Files.writeString(dir.resolve("git.example.com.token"), "file-token\n");
    GitCredentials credentials =
        new GitCredentials(dir, Optional.of("env-user"), Optional.of("env-token"));
    assertThat(
            userAndPassword(
                credentials.forUrl("https://git.example.com/org/app.git"),
                "https://git.example.com/org/app.git"))
        .containsExactly("bot", "file-token");
    assertThat(
            userAndPassword(
                credentials.forUrl("https://other.example.com/org/app.git"),
                "https://other.example.com/org/app.git"))
        .containsExactly("env-user", "env-token");
  }

  @Test
  void aTokenFileWithoutUsernameUsesGitAndNoTokenAtAllGoesAnonymous() throws Exception {
    Files.writeString(dir.resolve("git.example.com.token"), "t0k3n");
    GitCredentials credentials = new GitCredentials(dir, Optional.empty(), Optional.empty());
    assertThat(
            userAndPassword(
                credentials.forUrl("https://git.example.com/a.git"),
                "https://git.example.com/a.git"))
        .containsExactly("git", "t0k3n");
    assertThat(credentials.forUrl("https://elsewhere.example.com/a.git")).isNull();
  }

  @Test
  void sshKeyAndKnownHostsComeFromTheHostsFilesElseTheConfiguredFiles() throws Exception {
    Files.writeString(dir.resolve("git.example.com.ssh-privatekey"), "KEY");
    Files.writeString(dir.resolve("git.example.com.known_hosts"), "git.example.com ssh-ed25519 A");
    GitCredentials credentials =
        new GitCredentials(
            dir,
            Optional.empty(),
            Optional.empty(),
            Optional.of("/etc/ssh-key/id"),
            Optional.of("/etc/ssh-key/known_hosts"));
    assertThat(credentials.sshKey("git.example.com"))
        .contains(dir.resolve("git.example.com.ssh-privatekey"));
    assertThat(credentials.knownHosts("git.example.com"))
        .contains(dir.resolve("git.example.com.known_hosts"));
    assertThat(credentials.sshKey("other.example.com")).contains(Path.of("/etc/ssh-key/id"));
    assertThat(credentials.knownHosts("other.example.com"))
        .contains(Path.of("/etc/ssh-key/known_hosts"));
  }

  @Test
  void theTokenNeverShowsInTheTextOfTheCredentials() {
    GitCredentials credentials =
        new GitCredentials(dir, Optional.of("bot"), Optional.of("sup3r-s3cret"));
    assertThat(credentials.toString()).doesNotContain("sup3r-s3cret").contains("bot");
  }

  @Test
  void anSshKeyGivenAsTextBecomesAFileOnlyTheServiceCanRead() throws Exception {
    Path file = Path.of(GitCredentials.privateFile("ssh-key", "-----BEGIN KEY-----\nabc"));
    assertThat(file).content().isEqualTo("-----BEGIN KEY-----\nabc\n");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(file.toString()).doesNotContain("abc");
  }
}
