package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.PinChange;
import dev.shopset.gitpusher.domain.SourceHeads;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.dircache.InvalidPathException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes one commit on a local branch: the new tree built in memory ({@link TreeEditor}), objects
 * through a pack inserter, the ref moved from the parent it was built on. No network.
 */
final class CommitWriter {

  private CommitWriter() {}

  /** The new commit, or empty when the tree did not change. */
  static Optional<ObjectId> commit(
      Repository repo,
      String localRef,
      Changes changes,
      SourceHeads heads,
      PersonIdent ident,
      CommitSigning signing,
      Function<List<PinChange>, String> message)
      throws IOException, GitFailure {
    try (ObjectInserter inserter = Trees.inserter(repo);
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId parent = Refs.id(repo, localRef);
      ObjectId baseTree = parent == null ? null : walk.parseCommit(parent).getTree();
      TreeEditor editor = new TreeEditor(reader, inserter, baseTree);
      List<PinChange> pins;
      try {
        pins = editor.apply(changes, heads);
      } catch (InvalidPathException e) {
        throw new GitFailure(
            GitFailure.Kind.INVALID,
            FailureReason.InvalidRender,
            "git refuses a path of the batch: " + e.getMessage());
      }
      ObjectId tree = editor.writeTree();
      if (tree.equals(baseTree) || (baseTree == null && editor.isEmpty())) {
        return Optional.empty();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message.apply(pins));
      try {
        signing.sign(repo, commit, ident);
      } catch (IOException e) {
        throw new GitFailure(
            GitFailure.Kind.TERMINAL,
            FailureReason.SigningFailed,
            "cannot sign the commit: " + e.getMessage() + "; check the signing key settings");
      }
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      Refs.advance(repo, localRef, parent, id);
      return Optional.of(id);
    }
  }
}
