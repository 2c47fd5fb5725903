package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.local.kubernetes.InMemoryKubernetes;
import dev.shopset.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's image, as {@code package} builds it (target/jib-image.tar, on the base of
 * bin/image-base), starts: its layers are unpacked into a root filesystem that is then mounted
 * read-only, and its own entrypoint runs there as its own user, in its working directory, with its
 * environment plus the settings its Deployment gives, against a real Kafka broker (and, for the
 * watcher, a Kubernetes API), until {@code /q/health/ready} answers UP.
 */
class ImagesIT {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path ROOT = MODULE.getParent();

  private static InMemoryKubernetes kubernetes;

  @BeforeAll
  static void startKubernetesApi() {
    kubernetes = InMemoryKubernetes.start(0);
  }

  @AfterAll
  static void stopKubernetesApi() {
    kubernetes.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"watcher-service", "renderer-service", "git-pusher-service", "notifier-service"})
  void imageStartsAsItsNonRootUserOnAReadOnlyRootAndBecomesReady(String service, @TempDir Path dir)
      throws Exception {
    Path tar = ROOT.resolve(service).resolve("target/jib-image.tar");
    assertThat(tar).as("image tarball; build the services first (./shopset mvn package)").exists();
    ImageArchive image = ImageArchive.open(tar, Files.createDirectories(dir.resolve("archive")));

    JsonNode config = image.config();
    assertThat(config.at("/User").asText()).isEqualTo("1001:1001");
    assertThat(config.at("/ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(image.entrypoint())
        .startsWith("/opt/java/bin/java")
        .contains("-XX:MaxRAMPercentage=75", "-jar", "/deployments/quarkus-run.jar");
    assertThat(config.at("/WorkingDir").asText()).isEqualTo("/deployments");
    assertThat(config.at("/Labels/org.opencontainers.image.title").asText()).isEqualTo(service);
    assertThat(config.at("/Labels/org.opencontainers.image.version").asText()).isNotEmpty();
    List<String> files = image.listing();
    assertThat(files)
        .anyMatch(f -> f.endsWith(" deployments/quarkus-run.jar"))
        .anyMatch(f -> f.contains(" deployments/lib/main/"))
        .as("CA certificates for git over HTTPS, the system bundle and the runtime's")
        .anyMatch(f -> f.endsWith("/etc/ssl/certs/ca-certificates.crt"))
        .anyMatch(f -> f.endsWith("/opt/java/lib/security/cacerts"))
        .anyMatch(f -> f.endsWith("/opt/java/bin/java"))
        .anyMatch(f -> f.contains("/lib/x86_64-linux-gnu/libc.so.6"))
        .as("Jib's own /app layers are filtered out")
        .noneMatch(f -> f.endsWith(" app/") || f.contains(" app/lib/"));
    assertThat(files)
        .as("every file has a fixed time, so rebuilding the same files gives the same layers")
        .allMatch(f -> f.contains(" 1970-01-01 00:00:0"));

    Path root = dir.resolve("rootfs");
    image.unpackRootFilesystem(root);
    JsonNode deployment = deployment(service);
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    int port = FreePorts.next();
    Map<String, String> env = new LinkedHashMap<>(image.environment());
    env.putAll(literalEnvironment(container));
    env.putAll(settingsOf(service, port));
    Path log = Files.createDirectories(MODULE.resolve("target/images")).resolve(service + ".log");
    try (ChrootContainer running =
        ChrootContainer.start(
            root,
            config.at("/User").asText(),
            config.at("/WorkingDir").asText(),
            image.entrypoint(),
            env,
            emptyDirMounts(deployment, container),
            log)) {
      Process jvm = running.process();
      await("%s ready; its log: %s".formatted(service, log))
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> {
            assertThat(jvm.isAlive()).as("%s exited:%n%s", service, running.logTail()).isTrue();
            return ready(port);
          });
      String status = Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "status"));
      assertThat(status).containsPattern("(?m)^Uid:\\s+1001\\s+1001").contains("Gid:\t1001");
      String rootMount =
          Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "mountinfo")).stream()
              .filter(line -> line.split(" ")[4].equals("/"))
              .findFirst()
              .orElseThrow();
      assertThat(rootMount).as("the root filesystem is read-only").contains(" ro,");
    }
  }

  /** What each service needs besides the image and the Deployment's literals, as a Pod gets. */
  private static Map<String, String> settingsOf(String service, int port) {
    Map<String, String> settings = new HashMap<>();
    settings.put("KAFKA_BOOTSTRAP_SERVERS", EmbeddedKafkaBroker.shared().bootstrapServers());
    // The test shares the host's network, where 8080 may be taken: a free port instead.
    settings.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    if (service.equals("watcher-service")) {
      settings.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetes.url());
    }
    return settings;
  }

  private static boolean ready(int port) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void baseImageIsByteForByteTheSameWhenBuiltAgain(@TempDir Path dir) throws Exception {
    Path built = ROOT.resolve("target/image-base");
    assertThat(built.resolve("shopset-base.tar")).as("built by package").exists();
    Path debs = Files.createDirectories(dir.resolve("debs"));
    try (Stream<Path> packages = Files.list(built.resolve("debs"))) {
      for (Path deb : packages.toList()) {
        Files.copy(deb, debs.resolve(deb.getFileName()));
      }
    }
    ImageArchive.run(
        ROOT.resolve("bin/image-base").toString(), dir.toString(), System.getProperty("java.home"));
    assertThat(dir.resolve("shopset-base.tar"))
        .hasSameBinaryContentAs(built.resolve("shopset-base.tar"));
  }

  private static JsonNode deployment(String service) throws IOException {
    Path file =
        ROOT.resolve("k8s/base")
            .resolve(service.replace("-service", ""))
            .resolve("deployment.yaml");
    return YAML.readTree(file.toFile());
  }

  /** The Deployment's variables with literal values (those from Secrets are optional). */
  private static Map<String, String> literalEnvironment(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode variable : container.path("env")) {
      if (variable.has("value")) {
        env.put(variable.get("name").asText(), variable.get("value").asText());
      }
    }
    return env;
  }

  /** Mount paths of the Deployment's emptyDir volumes: the only writable places it has. */
  private static List<String> emptyDirMounts(JsonNode deployment, JsonNode container) {
    List<String> emptyDirs = new ArrayList<>();
    for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
      if (volume.has("emptyDir")) {
        emptyDirs.add(volume.get("name").asText());
      }
    }
    List<String> paths = new ArrayList<>();
    for (JsonNode mount : container.path("volumeMounts")) {
      if (emptyDirs.contains(mount.get("name").asText())) {
        paths.add(mount.get("mountPath").asText());
      }
    }
    return paths;
  }
}
