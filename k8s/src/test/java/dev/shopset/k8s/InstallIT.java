package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.Topics;
import dev.shopset.local.kubernetes.InMemoryKubernetes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's install, upgrade and uninstall commands, taken from its code blocks as written and
 * run with the real kubectl against an API server (the local run's in-memory one), in a copy of
 * k8s/ whose params.env is left as shipped. The test fails when the README drifts from k8s/.
 */
class InstallIT {

  private static final Path MODULE = Path.of("").toAbsolutePath();

  private InMemoryKubernetes api;
  private Path work;
  private Path kubeconfig;

  @BeforeEach
  void startApi(@TempDir Path dir) throws IOException, InterruptedException {
    api = InMemoryKubernetes.start(0);
    work = dir;
    InstallOverlayIT.copyOfK8s(dir);
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: local
            cluster:
              server: %s
        users:
          - name: local
            user: {}
        contexts:
          - name: local
            context:
              cluster: local
              user: local
        current-context: local
        """
            .formatted(api.url()));
    // What a cluster that meets the README's prerequisites already has.
    Path prerequisites = dir.resolve("install-prerequisites.yaml");
    Files.copy(MODULE.resolve("src/test/resources/install-prerequisites.yaml"), prerequisites);
    sh("kubectl apply --server-side -f " + prerequisites);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void theReadmesInstallUpgradeAndUninstallWorkAsWritten() throws Exception {
    sh(readmeBlock("install"));
    assertThat(kubectl("get crd -o name"))
        .contains(
            "shopsets.shopset.dev",
            "tiers.shopset.dev",
            "configurations.shopset.dev",
            "promotions.shopset.dev");
    assertThat(kubectl("-n shopset get deployments -o name").lines())
        .containsExactlyInAnyOrder(
            "deployment.apps/watcher-service",
            "deployment.apps/renderer-service",
            "deployment.apps/git-pusher-service",
            "deployment.apps/notifier-service");
    assertThat(kubectl("-n kafka get kafkatopics -o name").lines()).hasSize(Topics.ALL.size());
    assertThat(kubectl("-n kafka get kafkatopics -o jsonpath={.items[*].metadata.labels}"))
        .contains("\"strimzi.io/cluster\":\"my-cluster\"")
        .doesNotContain("\"strimzi.io/cluster\":\"shopset\"");
    assertThat(kubectl("-n shopset get secrets -o name"))
        .contains("secret/shopset-slack-", "secret/shopset-webhook-secret-")
        .contains("secret/shopset-git-credentials-");
    assertThat(kubectl("-n shopset get configmaps -o jsonpath={.items[*].data}"))
        .contains("my-cluster-kafka-bootstrap.kafka:9092");
    assertThat(kubectl("-n shopset get deployment watcher-service -o jsonpath={..image}"))
        .isEqualTo("registry.example.com/shopset/watcher-service:0.1.0");

    sh(readmeBlock("upgrade"));
    assertThat(kubectl("-n shopset get deployments -o name").lines()).hasSize(4);

    sh(readmeBlock("uninstall"));
    assertThat(kubectl("get crd -o name")).doesNotContain("shopset.dev");
    assertThat(kubectl("-n kafka get kafkatopics -o name")).isBlank();
    assertThat(kubectl("get namespaces -o name")).doesNotContain("namespace/shopset");
  }

  /** The {@code sh} block after the README's {@code <!-- name: run as written ... -->} marker. */
  static String readmeBlock(String name) throws IOException {
    String readme = Files.readString(MODULE.resolveSibling("README.md"));
    int marker = readme.indexOf("<!-- " + name + ": run as written");
    assertThat(marker).as("README marks its %s commands", name).isNotNegative();
    int start = readme.indexOf("```sh\n", marker) + "```sh\n".length();
    return readme.substring(start, readme.indexOf("```\n", start));
  }

  private String kubectl(String arguments) throws IOException, InterruptedException {
    return sh("kubectl " + arguments);
  }

  /** Runs {@code script} with bash in the copy's root (where k8s/ is), against the API. */
  private String sh(String script) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(work.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(Map.of("KUBECONFIG", kubeconfig.toString()));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", script).isTrue();
    assertThat(process.exitValue()).as("%s%n%s", script, out).isZero();
    return out;
  }
}
