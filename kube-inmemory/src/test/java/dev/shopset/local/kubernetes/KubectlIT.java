package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.ShopSetStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (on PATH, as the README requires) against the in-memory API through the
 * kubeconfig it writes: discovery, apply, get, jsonpath, edit, wait, delete, explain, validation,
 * server-side apply, built-in kinds and CRDs created through kubectl behave as on a cluster.
 */
class KubectlIT {

  private static final Path EXAMPLES = Path.of("../examples/resources");
  private static final Path FILES = Path.of("src/test/resources/kubectl");

  @TempDir static Path home;
  private static InMemoryKubernetes api;
  private static KubernetesClient client;
  private static Path kubeconfig;

  @BeforeAll
  static void start() {
    api = InMemoryKubernetes.start(0);
    client = api.client();
    kubeconfig = api.writeKubeconfig(home.resolve(".local/run/kubeconfig"));
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  @Test
  void theKubeconfigNamesTheApiAndApiResourcesListsTheShopSetKinds() throws Exception {
    assertThat(kubectl("config", "current-context").out().strip())
        .isEqualTo(InMemoryKubernetes.CONTEXT);
    Run resources = kubectl("api-resources");
    assertThat(resources.exit()).as(resources.err()).isZero();
    assertThat(resources.out())
        .containsPattern("shopsets\\s+ss\\s+shopset.dev/v1alpha1\\s+true\\s+ShopSet")
        .containsPattern("tiers\\s+\\S+\\s+shopset.dev/v1alpha1\\s+false\\s+Tier")
        .containsPattern("configurations\\s+\\S+\\s+shopset.dev/v1alpha1\\s+true\\s+Configuration")
        .containsPattern("promotions\\s+\\S+\\s+shopset.dev/v1alpha1\\s+false\\s+Promotion")
        .containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease")
        .containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
  }

  @Test
  void appliesTheExamplesGetsThemWithJsonPathAndDeletesThem() throws Exception {
    Run applied =
        kubectl(
            "apply",
            "-f",
            EXAMPLES.resolve("namespace.yaml").toString(),
            "-f",
            EXAMPLES.resolve("tiers.yaml").toString(),
            "-f",
            EXAMPLES.resolve("configuration.yaml").toString(),
            "-f",
            EXAMPLES.resolve("shopsets.yaml").toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out())
        .contains("namespace/shops-eu created")
        .contains("tier.shopset.dev/dev created")
        .contains("configuration.shopset.dev/shop-defaults created")
        .contains("shopset.shopset.dev/eu-small created");

    Run all = kubectl("get", "shopsets", "-A");
    assertThat(all.out())
        .containsPattern("NAMESPACE\\s+NAME\\s+READY\\s+TIER\\s+SHOPS\\s+COMMIT\\s+MESSAGE\\s+AGE")
        .containsPattern("shops-eu\\s+eu-small\\s+.*dev")
        .containsPattern("shops-eu\\s+eu-large\\s+.*prod");
    assertThat(
            kubectl("-n", "shops-eu", "get", "shopset", "eu-small", "-o", "jsonpath={.spec.shops}")
                .out())
        .isEqualTo("[\"berlin\",\"hamburg\",\"vienna\"]");
    assertThat(kubectl("get", "ns", "shops-eu", "-o", "jsonpath={.metadata.labels}").out())
        .contains("\"kubernetes.io/metadata.name\":\"shops-eu\"");

    Run again = kubectl("apply", "-f", EXAMPLES.resolve("shopsets.yaml").toString());
    assertThat(again.out()).contains("shopset.shopset.dev/eu-small unchanged");

    Run deleted = kubectl("-n", "shops-eu", "delete", "shopset", "eu-large");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("shopset.shopset.dev \"eu-large\" deleted");
    Run gone = kubectl("-n", "shops-eu", "get", "shopset", "eu-large");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("NotFound");
  }

  @Test
  void editChangesAFieldAndTheGenerationMoves() throws Exception {
    create("shops-edit", "eu", 2);
    Run edited =
        kubectl(
            Map.of("KUBE_EDITOR", "sed -i s/replicas:\\ 2/replicas:\\ 3/"),
            "-n",
            "shops-edit",
            "edit",
            "shopset",
            "eu");
    assertThat(edited.exit()).as(edited.err()).isZero();
    assertThat(edited.out()).contains("shopset.shopset.dev/eu edited");
    ShopSet after = client.resources(ShopSet.class).inNamespace("shops-edit").withName("eu").get();
    assertThat(after.getSpec().replicas()).isEqualTo(3);
    assertThat(after.getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void waitReturnsOnceReadyIsWrittenThroughTheClient() throws Exception {
    create("shops-wait", "eu", 1);
    Path out = home.resolve("wait.out");
    Path err = home.resolve("wait.err");
    Process wait =
        process(
                Map.of(),
                "-v=6",
                "-n",
                "shops-wait",
                "wait",
                "--for=condition=Ready",
                "shopset/eu",
                "--timeout=120s")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    // kubectl logs its watch request once the API answered it: the status comes after that.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.readString(err).contains("watch=true"));
    assertThat(wait.isAlive()).as("nothing is Ready yet").isTrue();
    ShopSet current =
        client.resources(ShopSet.class).inNamespace("shops-wait").withName("eu").get();
    current.setStatus(
        new ShopSetStatus(
            1L,
            List.of(
                new Condition(
                    "Ready", "True", "Deployed", "all shops run", "2026-12-01T10:00:00Z", 1L)),
            null));
    client.resource(current).updateStatus();
    assertThat(wait.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(wait.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(out)).contains("shopset.shopset.dev/eu condition met");
  }

  @Test
  void waitTimesOutWithANonZeroExitWhenNothingIsReady() throws Exception {
    create("shops-wait", "never", 1);
    Run wait =
        kubectl(
            "-n", "shops-wait", "wait", "--for=condition=Ready", "shopset/never", "--timeout=2s");
    assertThat(wait.exit()).isNotZero();
    assertThat(wait.err()).contains("timed out waiting for the condition");
  }

  @Test
  void explainDescribesShopSetFieldsFromTheCrdSchema() throws Exception {
    Run tier = kubectl("explain", "shopset.spec.tier");
    assertThat(tier.exit()).as(tier.err()).isZero();
    assertThat(tier.out())
        .contains("KIND:       ShopSet")
        .contains("FIELD: tier <string>")
        .contains("Name of the Tier.");
    assertThat(kubectl("explain", "shopset.spec").out())
        .containsPattern("shops\\s+<\\[\\]string> -required-")
        .contains("replicas");
  }

  @Test
  void anInvalidShopSetIsRefusedNamingTheFields() throws Exception {
    Run applied = kubectl("apply", "-f", FILES.resolve("invalid-shopset.yaml").toString());
    assertThat(applied.exit()).isNotZero();
    assertThat(applied.err())
        .contains("is invalid")
        .contains("spec.tier: Required value")
        .contains("spec.replicas: Invalid value: -1");
    assertThat(
            client.resources(ShopSet.class).inNamespace("shops-invalid").withName("invalid").get())
        .isNull();
  }

  @Test
  void aCrdCreatedThroughKubectlServesItsKindUntilItIsDeleted() throws Exception {
    String widget = FILES.resolve("widget.yaml").toString();
    Run unknown = kubectl("apply", "-f", widget);
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err())
        .contains("no matches for kind \"Widget\" in version \"example.com/v1\"");

    assertThat(kubectl("apply", "-f", FILES.resolve("widget-crd.yaml").toString()).exit()).isZero();
    Run established =
        kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s");
    assertThat(established.exit()).as(established.err()).isZero();
    Run created = kubectl("apply", "-f", widget);
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("widget.example.com/w1 created");
    assertThat(kubectl("-n", "widgets", "get", "wdg", "-o", "name").out().strip())
        .isEqualTo("widget.example.com/w1");
    Run tooSmall =
        kubectl(
            "-n",
            "widgets",
            "patch",
            "widget",
            "w1",
            "--type=merge",
            "-p",
            "{\"spec\":{\"size\":0}}");
    assertThat(tooSmall.exit()).isNotZero();
    assertThat(tooSmall.err()).contains("spec.size");

    assertThat(kubectl("delete", "crd", "widgets.example.com").exit()).isZero();
    var list =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(api.url() + "/apis/example.com/v1/namespaces/widgets/widgets"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).as("widgets are no longer served").isEqualTo(404);
    assertThat(kubectl("get", "crd", "widgets.example.com").exit()).isNotZero();
  }

  @Test
  void serverSideApplyCreatesAndThenReplacesTheFieldsOfItsManager() throws Exception {
    Path file = home.resolve("server-side-shopset.yaml");
    Files.copy(FILES.resolve("server-side-shopset.yaml"), file);
    Run first = kubectl("apply", "--server-side", "-f", file.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("shopset.shopset.dev/applied serverside-applied");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("  replicas: 2\n", "")
            .replace("[berlin]", "[berlin, rome]"));
    Run second = kubectl("apply", "--server-side", "-f", file.toString());
    assertThat(second.exit()).as(second.err()).isZero();
    ShopSet applied =
        client.resources(ShopSet.class).inNamespace("shops-ssa").withName("applied").get();
    assertThat(applied.getSpec().shops()).containsExactly("berlin", "rome");
    assertThat(applied.getSpec().replicas()).as("no longer applied: removed").isNull();
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(m -> assertThat(m.getManager()).isEqualTo("kubectl"));
  }

  @Test
  void builtInKindsTakeKubectlsStrategicMergePatches() throws Exception {
    Path file = home.resolve("deployment.yaml");
    Files.copy(FILES.resolve("deployment.yaml"), file);
    assertThat(kubectl("apply", "-f", file.toString()).exit()).isZero();
    Files.writeString(
        file,
        Files.readString(file)
            .replace("nginx:1.27", "nginx:1.28")
            .replace("        - {name: OLD, value: \"1\"}\n", ""));
    Run applied = kubectl("apply", "-f", file.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("deployment.apps/web configured");
    var deployment = client.apps().deployments().inNamespace("builtins").withName("web").get();
    var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(c -> c.getName()).containsExactly("web", "sidecar");
    assertThat(containers.get(0).getImage()).isEqualTo("nginx:1.28");
    assertThat(containers.get(0).getEnv()).extracting(e -> e.getName()).containsExactly("MODE");
    assertThat(deployment.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(kubectl("-n", "builtins", "get", "deploy").out())
        .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");
  }

  // --- helpers ---

  private static void create(String namespace, String name, int replicas) {
    ShopSet shopSet = new ShopSet();
    shopSet.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    shopSet.setSpec(
        new ShopSetSpec(
            "dev",
            "shop-defaults",
            List.of("berlin"),
            replicas,
            null,
            null,
            null,
            null,
            null,
            null));
    client.resource(shopSet).create();
  }

  private record Run(int exit, String out, String err) {}

  private static Run kubectl(String... args) throws IOException, InterruptedException {
    return kubectl(Map.of(), args);
  }

  private static Run kubectl(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(home, "kubectl", ".out");
    Path err = Files.createTempFile(home, "kubectl", ".err");
    Process process =
        process(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "kubectl " + String.join(" ", args) + " did not end in 120 s");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** kubectl with the written kubeconfig and its own HOME (so its discovery cache is fresh). */
  private static ProcessBuilder process(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    return builder;
  }
}
