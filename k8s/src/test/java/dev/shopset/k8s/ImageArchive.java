package dev.shopset.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A docker-archive image tarball (what Jib's {@code buildTar} writes) opened in a directory: its
 * config and its layers, which {@link #unpackRootFilesystem} lays over each other as a container
 * runtime would.
 */
final class ImageArchive {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Jib's layers carry libarchive's creation-time headers, which GNU tar reports otherwise. */
  private static final String QUIET = "--warning=no-unknown-keyword";

  private final JsonNode config;
  private final List<Path> layers;

  private ImageArchive(JsonNode config, List<Path> layers) {
    this.config = config;
    this.layers = layers;
  }

  /** Unpacks {@code tar} into {@code dir} and reads its manifest and config. */
  static ImageArchive open(Path tar, Path dir) throws IOException, InterruptedException {
    run("tar", "-xf", tar.toString(), "-C", dir.toString());
    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(dir.resolve(manifest.get("Config").asText()).toFile());
    List<Path> layers = new ArrayList<>();
    manifest.get("Layers").forEach(layer -> layers.add(dir.resolve(layer.asText())));
    return new ImageArchive(config, layers);
  }

  /** The {@code config} object of the image config: User, Entrypoint, Env, WorkingDir, Labels. */
  JsonNode config() {
    return config.get("config");
  }

  /** The image's environment, in its order. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode entry : config().path("Env")) {
      String[] pair = entry.asText().split("=", 2);
      env.put(pair[0], pair.length > 1 ? pair[1] : "");
    }
    return env;
  }

  List<String> entrypoint() {
    List<String> command = new ArrayList<>();
    config().path("Entrypoint").forEach(arg -> command.add(arg.asText()));
    config().path("Cmd").forEach(arg -> command.add(arg.asText()));
    return command;
  }

  /** {@code tar -tv} lines of every layer (owner, mode, time, path). */
  List<String> listing() throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (Path layer : layers) {
      lines.addAll(
          run("tar", QUIET, "--numeric-owner", "--full-time", "-tvf", layer.toString())
              .lines()
              .toList());
    }
    return lines;
  }

  /** Extracts the layers, in order, into {@code root}, keeping owners and modes (needs root). */
  void unpackRootFilesystem(Path root) throws IOException, InterruptedException {
    Files.createDirectories(root);
    for (Path layer : layers) {
      // Jib writes no whiteouts (every layer only adds), so plain extraction is the union.
      run(
          "tar",
          QUIET,
          "--same-owner",
          "--same-permissions",
          "--numeric-owner",
          "-xf",
          layer.toString(),
          "-C",
          root.toString());
    }
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
