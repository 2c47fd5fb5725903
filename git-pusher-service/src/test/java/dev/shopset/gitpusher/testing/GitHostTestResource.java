package dev.shopset.gitpusher.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts the test git host and gives the service a fresh workspace directory. */
public class GitHostTestResource implements QuarkusTestResourceLifecycleManager {

  private static Fixtures fixtures;

  /** The git host of the running test application. */
  public static Fixtures fixtures() {
    return fixtures;
  }

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("git-pusher-it");
      fixtures = new Fixtures(root);
      return Map.of(
          "shopset.git-pusher.workspace-dir",
          root.resolve("workspaces").toString(),
          "shopset.repositories.prefixes",
          fixtures.server.prefix(),
          "shopset.git-pusher.credentials.url",
          fixtures.server.prefix());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (fixtures != null) {
      fixtures.close();
    }
  }
}
