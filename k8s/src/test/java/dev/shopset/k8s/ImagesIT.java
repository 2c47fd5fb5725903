package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's Jib image (built as a tarball on scratch in the service's {@code package} phase)
 * has the entrypoint, user, port, labels and application layer the Deployments rely on; inspected
 * with {@code skopeo}.
 */
class ImagesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {"watcher-service", "renderer-service", "git-pusher-service", "notifier-service"})
  void imageIsRunnableAsNonRootWithTheApplication(String service, @TempDir Path unpacked)
      throws Exception {
    Path tar = Path.of("").toAbsolutePath().resolveSibling(service).resolve("target/jib-image.tar");
    assertThat(tar).as("image tarball; build the services first (./shopset mvn package)").exists();

    JsonNode config =
        JSON.readTree(run("skopeo", "inspect", "--config", "docker-archive:" + tar)).get("config");
    assertThat(config.at("/User").asText()).isEqualTo("1001:1001");
    assertThat(config.at("/ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.at("/Entrypoint").toString())
        .contains("-XX:MaxRAMPercentage=75", "-jar", "/deployments/quarkus-run.jar");
    assertThat(config.at("/WorkingDir").asText()).isEqualTo("/deployments");
    assertThat(config.at("/Labels/org.opencontainers.image.title").asText()).isEqualTo(service);
    assertThat(config.at("/Labels/org.opencontainers.image.version").asText()).isNotEmpty();

    run("tar", "-xf", tar.toString(), "-C", unpacked.toString());
    List<String> files = new ArrayList<>();
    JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    for (JsonNode layer : manifest.get("Layers")) {
      files.addAll(
          run("tar", "-tzf", unpacked.resolve(layer.asText()).toString()).lines().toList());
    }
    assertThat(files)
        .contains("deployments/quarkus-run.jar")
        .anyMatch(f -> f.startsWith("deployments/lib/main/"))
        .anyMatch(f -> f.startsWith("deployments/app/"))
        .as("Jib's own /app layers are filtered out")
        .noneMatch(f -> f.startsWith("app/"));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }
}
