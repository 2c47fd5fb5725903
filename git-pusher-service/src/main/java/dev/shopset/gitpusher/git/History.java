package dev.shopset.gitpusher.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Questions about a workspace's history: ancestry, our commits in a range, files changed. */
final class History {

  private History() {}

  /** Messages of the commits {@code name <email>} made after {@code base} up to {@code local}. */
  static List<String> ours(
      Repository repo, ObjectId base, ObjectId local, String name, String email)
      throws IOException {
    List<String> messages = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(local));
      if (base != null) {
        walk.markUninteresting(walk.parseCommit(base));
      }
      for (RevCommit c : walk) {
        if (name.equals(c.getCommitterIdent().getName())
            && email.equals(c.getCommitterIdent().getEmailAddress())) {
          messages.add(c.getFullMessage());
        }
      }
    }
    Collections.reverse(messages);
    return messages;
  }

  /** Paths that differ between two commits ({@code remote} null: the empty tree). */
  static int filesChanged(Repository repo, ObjectId remote, ObjectId local) throws IOException {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tw = new TreeWalk(repo)) {
      if (remote == null) {
        tw.addTree(new EmptyTreeIterator());
      } else {
        tw.addTree(walk.parseCommit(remote).getTree());
      }
      tw.addTree(walk.parseCommit(local).getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      int n = 0;
      while (tw.next()) {
        n++;
      }
      return n;
    }
  }

  /**
   * Whether {@code commit} descends from (or is) {@code ancestor}; empty when either commit is not
   * in the repository (fetch, then ask again).
   */
  static Optional<Boolean> descends(Repository repo, String ancestor, String commit)
      throws IOException {
    ObjectId a = ObjectId.fromString(ancestor);
    ObjectId c = ObjectId.fromString(commit);
    if (!repo.getObjectDatabase().has(a) || !repo.getObjectDatabase().has(c)) {
      return Optional.empty();
    }
    try {
      return Optional.of(isAncestor(repo, a, c));
    } catch (MissingObjectException e) {
      return Optional.empty();
    }
  }

  static boolean isAncestor(Repository repo, ObjectId ancestor, ObjectId of) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
    }
  }
}
