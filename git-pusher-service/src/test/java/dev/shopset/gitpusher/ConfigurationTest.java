package dev.shopset.gitpusher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.gitpusher.config.GitPusherConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment variables of the service (the local run and the cluster set them). */
class ConfigurationTest {

  static GitPusherConfig config(Map<String, String> env) throws IOException {
    URL properties = ConfigurationTest.class.getResource("/application.properties");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withSources(new PropertiesConfigSource(properties, 250))
            .withSources(new EnvConfigSource(env, 300))
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(GitPusherConfig.class)
            .build();
    return config.getConfigMapping(GitPusherConfig.class);
  }

  @Test
  void shortEnvironmentVariablesSetWorkspaceCredentialsWebhookAndPoll() throws IOException {
    GitPusherConfig config =
        config(
            Map.of(
                "SHOPSET_WORKSPACE_DIR", "/data/ws",
                "SHOPSET_GIT_USERNAME", "bot",
                "SHOPSET_GIT_TOKEN", "t0k3n",
                "SHOPSET_GIT_CREDENTIALS_DIR", "/secrets/git",
                "SHOPSET_GIT_SSH_KEY_FILE", "/secrets/ssh/id",
                "SHOPSET_GIT_KNOWN_HOSTS_FILE", "/secrets/ssh/known_hosts",
                "SHOPSET_WEBHOOK_SECRET", "hook",
                "SHOPSET_GIT_SSH_KEY", "KEY TEXT",
                "SHOPSET_GIT_KNOWN_HOSTS", "host ssh-ed25519 AAAA",
                "SHOPSET_POLL_INTERVAL", "2s"));
    assertThat(config.workspaceDir()).isEqualTo("/data/ws");
    assertThat(config.credentials().username()).contains("bot");
    assertThat(config.credentials().token()).contains("t0k3n");
    assertThat(config.credentials().dir()).isEqualTo("/secrets/git");
    assertThat(config.credentials().sshKeyFile()).contains("/secrets/ssh/id");
    assertThat(config.credentials().sshKnownHostsFile()).contains("/secrets/ssh/known_hosts");
    assertThat(config.webhook().secret()).contains("hook");
    assertThat(config.credentials().sshKey()).contains("KEY TEXT");
    assertThat(config.credentials().sshKnownHosts()).contains("host ssh-ed25519 AAAA");
    assertThat(config.poll().interval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theFullPropertyNamesAsEnvironmentVariablesWork() throws IOException {
    GitPusherConfig config =
        config(
            Map.of(
                "SHOPSET_GIT_PUSHER_CREDENTIALS_TOKEN", "t0k3n",
                "SHOPSET_GIT_PUSHER_POLL_INTERVAL", "3s",
                "SHOPSET_GIT_PUSHER_WEBHOOK_SECRET", "hook"));
    assertThat(config.credentials().token()).contains("t0k3n");
    assertThat(config.poll().interval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.webhook().secret()).contains("hook");
  }

  @Test
  void withoutEnvironmentNoTokenNoSecretAndProductionDefaults() throws IOException {
    GitPusherConfig config = config(Map.of());
    assertThat(config.workspaceDir()).isEqualTo("/var/lib/shopset/workspaces");
    assertThat(config.credentials().username()).contains("git");
    assertThat(config.credentials().token()).isEmpty();
    assertThat(config.credentials().sshKeyFile()).isEmpty();
    assertThat(config.webhook().secret()).isEmpty();
    assertThat(config.poll().enabled()).isTrue();
    assertThat(config.poll().interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.signing().format()).isEqualTo("none");
    assertThat(config.credentials().url()).isEmpty();
  }

  @Test
  void signingAndCredentialPrefixComeFromTheirVariables() throws IOException {
    GitPusherConfig config =
        config(
            Map.of(
                "SHOPSET_GIT_SIGNING_FORMAT", "ssh",
                "SHOPSET_GIT_SIGNING_KEY_FILE", "/secrets/signing/key",
                "SHOPSET_GIT_CREDENTIALS_URL", "https://git.example.com/"));
    assertThat(config.signing().format()).isEqualTo("ssh");
    assertThat(config.signing().keyFile()).contains("/secrets/signing/key");
    assertThat(config.credentials().url()).contains("https://git.example.com/");
  }
}
