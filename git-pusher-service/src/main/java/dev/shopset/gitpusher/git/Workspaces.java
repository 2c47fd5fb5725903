package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.Keys;
import dev.shopset.gitpusher.GitPusherConfig;
import dev.shopset.gitpusher.domain.Backoff;
import dev.shopset.gitpusher.domain.BatchCollector;
import dev.shopset.gitpusher.domain.BranchCommitter;
import dev.shopset.gitpusher.domain.CommitEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The system-branch workspaces of this instance, each with its single writer; reopened from the
 * workspace directory at startup so pins and unpushed commits survive a restart.
 */
@ApplicationScoped
public class Workspaces {

  private final GitPusherConfig config;
  private final CommitEvents events;
  private final RemoteHeads remoteHeads;
  private final SourceBranches sources;
  private final Map<String, BranchCommitter> committers = new ConcurrentHashMap<>();

  public Workspaces(
      GitPusherConfig config,
      CommitEvents events,
      RemoteHeads remoteHeads,
      SourceBranches sources) {
    this.config = config;
    this.events = events;
    this.remoteHeads = remoteHeads;
    this.sources = sources;
  }

  void onStart(@Observes StartupEvent event) throws IOException {
    Path root = systemRoot();
    if (Files.isDirectory(root)) {
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.toList()) {
          JGitWorkspace.describe(dir).ifPresent(d -> committer(d[0], d[1]));
        }
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    committers.values().forEach(BranchCommitter::close);
  }

  /** The writer of a system branch, opened on first use. */
  public BranchCommitter committer(String url, String branch) {
    return committers.computeIfAbsent(
        Keys.branch(url, branch),
        key -> {
          JGitWorkspace workspace =
              JGitWorkspace.open(
                  systemRoot().resolve(dirName(key)),
                  url,
                  branch,
                  remoteHeads,
                  sources,
                  config.authorName(),
                  config.authorEmail());
          return new BranchCommitter(
                  workspace,
                  new BatchCollector(
                      config.batch().window(), config.batch().quiet(), config.batch().maxCount()),
                  events,
                  config.push().maxRejections(),
                  new Backoff(config.push().initialBackoff(), config.push().maxBackoff()))
              .start();
        });
  }

  /** Every open writer. */
  public Collection<BranchCommitter> all() {
    return List.copyOf(committers.values());
  }

  private Path systemRoot() {
    return Path.of(config.workspaceDir()).resolve("system");
  }

  /** A stable directory name for {@code url#branch}. */
  static String dirName(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
