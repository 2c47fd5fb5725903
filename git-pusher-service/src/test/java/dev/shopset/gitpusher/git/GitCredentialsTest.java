package dev.shopset.gitpusher.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
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

  GitCredentials credentials(Optional<String> configuredPrefix, String... allowed) {
    return new GitCredentials(
        RepositoryPolicy.allowing(List.of(allowed)),
        new CredentialSets(
            dir,
            new CredentialSets.Set(
                "configured",
                configuredPrefix.map(CredentialSets::prefix).orElse(""),
                "env-user",
                Optional.of("env-token"),
                Optional.empty(),
                Optional.empty())));
  }

  void set(String id, String url, String username, String password) throws Exception {
    Files.writeString(dir.resolve(id + ".url"), url + "\n");
    if (username != null) {
      Files.writeString(dir.resolve(id + ".username"), username + "\n");
    }
    Files.writeString(dir.resolve(id + ".password"), password + "\n");
  }

  @Test
  void theLongestPrefixAUrlIsUnderGivesItsCredentialsAtAPathBoundary() throws Exception {
    set("org", "https://git.example.com/shops/", "org-bot", "org-token");
    set("team", "https://git.example.com/shops/team-a", "team-bot", "team-token");
    GitCredentials credentials =
        credentials(Optional.of("https://git.example.com/"), "https://git.example.com/");
    String team = "https://git.example.com/shops/team-a/app.git";
    assertThat(userAndPassword(credentials.forUrl(team), team))
        .containsExactly("team-bot", "team-token");
    String org = "https://GIT.example.com/shops/team-ab/app.git";
    assertThat(userAndPassword(credentials.forUrl(org), org))
        .as("team-a is no prefix of team-ab")
        .containsExactly("org-bot", "org-token");
    String other = "https://git.example.com/platform/app.git";
    assertThat(userAndPassword(credentials.forUrl(other), other))
        .containsExactly("env-user", "env-token");
  }

  @Test
  void aCredentialIsNeverSentOutsideItsPrefixAndAUrlOutsideEveryPrefixIsRefusedBeforeAnyCall()
      throws Exception {
    set("org", "https://git.example.com/shops/", null, "org-token");
    GitCredentials credentials =
        credentials(
            Optional.of("https://git.example.com/shops/"),
            "https://git.example.com/shops/",
            "https://tenant.example.org/");
    assertThat(credentials.forUrl("https://tenant.example.org/evil/app.git"))
        .as("allowed, but under no credential's prefix: anonymous")
        .isNull();
    String shop = "https://git.example.com/shops/app.git";
    assertThat(userAndPassword(credentials.forUrl(shop), shop)).containsExactly("git", "org-token");
    for (String url :
        List.of(
            "https://evil.example.net/shops/app.git",
            "https://git.example.com/shopping/app.git",
            "file:///var/lib/repo.git",
            "ext::sh -c touch% /tmp/pwned",
            "ssh://-oProxyCommand=touch%20x/repo.git",
            "https://user:secret@git.example.com/shops/app.git")) {
      assertThatThrownBy(() -> credentials.transport(url))
          .as(url)
          .isInstanceOfSatisfying(
              GitFailure.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.RepositoryNotAllowed);
                assertThat(f.kind()).isEqualTo(GitFailure.Kind.INVALID);
                assertThat(f.getMessage()).doesNotContain("secret");
              });
    }
  }

  @Test
  void theConfiguredSetWithoutAUrlServesEveryAllowedPrefixBelowTheFiles() throws Exception {
    set("shops", "https://git.example.com/shops", "bot", "file-token");
    GitCredentials credentials = credentials(Optional.empty(), "https://git.example.com/");
    String shop = "https://git.example.com/shops/app.git";
    assertThat(userAndPassword(credentials.forUrl(shop), shop))
        .containsExactly("bot", "file-token");
    String base = "https://git.example.com/base/app.git";
    assertThat(userAndPassword(credentials.forUrl(base), base))
        .containsExactly("env-user", "env-token");
  }

  @Test
  void sshKeyAndKnownHostsComeFromTheSetOfTheUrlsPrefix() throws Exception {
    Files.writeString(dir.resolve("ssh.url"), "git@git.example.com:shops/");
    Files.writeString(dir.resolve("ssh.ssh-privatekey"), "KEY");
    Files.writeString(dir.resolve("ssh.known_hosts"), "git.example.com ssh-ed25519 A");
    GitCredentials credentials = credentials(Optional.empty(), "ssh://git@git.example.com/");
    assertThat(credentials.setFor("ssh://git@git.example.com/shops/app.git"))
        .hasValueSatisfying(s -> {
          assertThat(s.id()).isEqualTo("ssh");
          assertThat(s.sshKey()).contains(dir.resolve("ssh.ssh-privatekey").toString());
          assertThat(s.knownHosts()).contains(dir.resolve("ssh.known_hosts").toString());
        });
    assertThat(credentials.setFor("git@git.example.com:other/app.git"))
        .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("configured"));
  }

  @Test
  void theTokenNeverShowsInTheTextOfTheCredentials() {
    GitCredentials credentials = credentials(Optional.empty(), "https://git.example.com/");
    assertThat(credentials.toString()).doesNotContain("env-token");
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
