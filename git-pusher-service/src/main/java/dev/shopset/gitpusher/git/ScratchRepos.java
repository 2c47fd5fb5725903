package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.RepositoryUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Bare scratch repositories, one per remote URL, for moving refs of app and config repos. */
final class ScratchRepos {

  private ScratchRepos() {}

  /** Opens (or creates, or re-creates when corrupt) the scratch repository of {@code url}. */
  static synchronized Repository open(Path root, String url) throws IOException, GitAPIException {
    Path dir = root.resolve(WorkspaceStore.dirName(RepositoryUrls.normalize(url)));
    if (Files.isDirectory(dir)) {
      try {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
      } catch (IOException | RuntimeException e) {
        Recovery.deleteRecursively(dir);
      }
    }
    return Git.init().setBare(true).setGitDir(dir.toFile()).call().getRepository();
  }
}
