package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.SystemBranches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The system-branch clones under {@code <workspace-dir>/system/<sha256(url#branch)>}, as {@link
 * JGitSystemBranch}es.
 */
public final class JGitSystemBranches implements SystemBranches {

  private final Path root;
  private final RemoteHeads remoteHeads;
  private final String authorName;
  private final String authorEmail;
  private final CommitSigning signing;

  /**
   * @param root the {@code system/} directory of the workspaces
   * @param authorName author and committer of our commits (also how they are told from humans')
   */
  public JGitSystemBranches(
      Path root, RemoteHeads remoteHeads, String authorName, String authorEmail) {
    this(root, remoteHeads, authorName, authorEmail, new CommitSigning.None());
  }

  /** With commits signed as {@code signing} says. */
  public JGitSystemBranches(
      Path root,
      RemoteHeads remoteHeads,
      String authorName,
      String authorEmail,
      CommitSigning signing) {
    this.signing = signing;
    this.root = root;
    this.remoteHeads = remoteHeads;
    this.authorName = authorName;
    this.authorEmail = authorEmail;
  }

  @Override
  public JGitSystemBranch open(BranchId id) {
    return open(root.resolve(WorkspaceStore.dirName(id.key())), id);
  }

  /** Opens the clone of {@code id} in {@code dir} (tests choose the directory). */
  public JGitSystemBranch open(Path dir, BranchId id) {
    return new JGitSystemBranch(
        WorkspaceStore.open(dir, id), id, remoteHeads, authorName, authorEmail, signing);
  }

  @Override
  public List<BranchId> existing() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<BranchId> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.forEach(dir -> WorkspaceStore.describe(dir).ifPresent(found::add));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the workspaces in " + root, e);
    }
    return found;
  }
}
