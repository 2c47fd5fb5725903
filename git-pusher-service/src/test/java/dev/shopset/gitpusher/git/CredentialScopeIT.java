package dev.shopset.gitpusher.git;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.testkit.GitCli;
import dev.shopset.testkit.GitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials go only where their prefix says, checked on the wire: a second git host on loopback
 * (a tenant's) records the Authorization headers it receives, and never sees the platform's token.
 */
class CredentialScopeIT {

  static final String TENANT_USER = "tenant";
  static final String TENANT_PASSWORD = "tenant-secret";

  @TempDir static Path root;
  static Fixtures git;
  static GitServer tenant;
  static GitServer stranger;

  @BeforeAll
  static void start() throws Exception {
    git = new Fixtures(root);
    Path tenantRepos = root.resolve("tenant-repos");
    Files.createDirectories(tenantRepos);
    tenant = GitServer.start(tenantRepos, 0, TENANT_USER, TENANT_PASSWORD);
    stranger = GitServer.start(tenantRepos, 0, TENANT_USER, TENANT_PASSWORD);
    GitCli cli = new GitCli(TENANT_USER, TENANT_PASSWORD);
    cli.git(tenantRepos, "init", "--bare", "-q", "config.git");
    Path work = root.resolve("tenant-work");
    cli.git(root, "clone", "-q", tenant.url("config"), work.toString());
    cli.git(work, "checkout", "-q", "--orphan", TIER);
    GitCli.write(work.resolve("kustomization.yaml"), "kind: Component\n");
    cli.git(work, "add", "-A");
    cli.git(work, "commit", "-q", "-m", "tenant config");
    cli.git(work, "push", "-q", "origin", TIER);
  }

  @AfterAll
  static void stop() {
    tenant.close();
    stranger.close();
    git.close();
  }

  /** The platform's token for its own host; the tenant's credential set for the tenant's host. */
  static RemoteHeads heads() throws Exception {
    Path dir = root.resolve("sets");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tenant-a.url"), tenant.prefix());
    Files.writeString(dir.resolve("tenant-a.username"), TENANT_USER);
    Files.writeString(dir.resolve("tenant-a.password"), TENANT_PASSWORD);
    return new RemoteHeads(git.credentials(dir, tenant.prefix()));
  }

  @Test
  void eachHostReceivesOnlyTheCredentialsOfItsOwnPrefix() throws Exception {
    RemoteHeads heads = heads();
    String app = git.appRepo("app-scope");
    assertThat(heads.heads(app)).containsKey(TIER);
    assertThat(heads.heads(tenant.url("config"))).containsKey(TIER);

    assertThat(tenant.authorizations())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a).isEqualTo(TENANT_USER + ":" + TENANT_PASSWORD))
        .noneSatisfy(a -> assertThat(a).contains(Fixtures.PASSWORD));
    assertThat(git.server.authorizations())
        .isNotEmpty()
        .noneSatisfy(a -> assertThat(a).contains(TENANT_PASSWORD));
  }

  @Test
  void aHostOutsideEveryAllowedPrefixIsNeverContacted() throws Exception {
    RemoteHeads heads = heads();
    int before = stranger.requests();
    assertThatThrownBy(() -> heads.heads(stranger.url("config")))
        .isInstanceOfSatisfying(
            GitFailure.class,
            f -> assertThat(f.reason()).isEqualTo(FailureReason.RepositoryNotAllowed));
    assertThat(stranger.requests()).isEqualTo(before);
  }
}
