package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.BranchId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jboss.logging.Logger;

/**
 * Workspace directories on disk: opens a bare clone (recovering from a crash: stale locks removed,
 * a corrupt one deleted and started afresh), creates a new one, and reads back which branch a
 * directory holds.
 */
final class WorkspaceStore {

  private static final Logger LOG = Logger.getLogger(WorkspaceStore.class);

  private WorkspaceStore() {}

  /** Opens or creates the bare clone of {@code id} in {@code dir}; the next sync fetches. */
  static Repository open(Path dir, BranchId id) {
    Repository repo = null;
    if (Files.isDirectory(dir)) {
      Recovery.removeStaleLocks(dir);
      try {
        repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        Recovery.verify(repo, id.branch());
      } catch (IOException | RuntimeException e) {
        LOG.warnf(
            "Workspace %s is corrupt (%s); starting afresh", dir, e.getClass().getSimpleName());
        if (repo != null) {
          repo.close();
        }
        repo = null;
        Recovery.deleteRecursively(dir);
      }
    }
    try {
      if (repo == null) {
        Files.createDirectories(dir.getParent());
        repo =
            Git.init()
                .setBare(true)
                .setGitDir(dir.toFile())
                .setInitialBranch(id.branch())
                .call()
                .getRepository();
      }
      StoredConfig config = repo.getConfig();
      config.setString("shopset", null, "url", id.repository());
      config.setString("shopset", null, "branch", id.branch());
      config.setBoolean("core", null, "logAllRefUpdates", false);
      config.save();
      return repo;
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("Cannot create workspace " + dir, e);
    }
  }

  /** The branch recorded in a workspace directory, if it is one. */
  static Optional<BranchId> describe(Path dir) {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).build()) {
      String url = repo.getConfig().getString("shopset", null, "url");
      String branch = repo.getConfig().getString("shopset", null, "branch");
      return url == null || branch == null
          ? Optional.empty()
          : Optional.of(new BranchId(url, branch));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A stable directory name for a key such as {@code url#branch} or a URL. */
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
