package dev.shopset.gitpusher.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jboss.logging.Logger;

/** Crash recovery of workspace directories: stale locks, corruption checks, deletion. */
final class Recovery {

  private static final Logger LOG = Logger.getLogger(Recovery.class);

  private Recovery() {}

  /** Throws when the object database or a branch head cannot be read. */
  static void verify(Repository repo, String branch) throws IOException {
    if (!repo.getObjectDatabase().exists()) {
      throw new IOException("no object database");
    }
    try (RevWalk walk = new RevWalk(repo)) {
      for (String ref : List.of("refs/heads/" + branch, "refs/remotes/origin/" + branch)) {
        var r = repo.exactRef(ref);
        if (r != null) {
          RevCommit c = walk.parseCommit(r.getObjectId());
          walk.getObjectReader().open(c.getTree()).getSize();
        }
      }
    }
  }

  /** Deletes the lock files a killed process left behind. */
  static void removeStaleLocks(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path lock : files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
        LOG.infof("Removing stale lock %s", dir.relativize(lock));
        Files.deleteIfExists(lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean locks in " + dir, e);
    }
  }

  /** Deletes a directory tree. */
  static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
