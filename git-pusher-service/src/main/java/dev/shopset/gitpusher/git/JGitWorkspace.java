package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.PinChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jboss.logging.Logger;

/**
 * A {@link Workspace} as a bare JGit clone of one branch: trees are built in memory from the head
 * commit (no checkout, no re-normalizing of files), objects go into a pack, refs are updated.
 */
public final class JGitWorkspace implements Workspace {

  private static final Logger LOG = Logger.getLogger(JGitWorkspace.class);

  private final Repository repo;
  private final String url;
  private final String branch;
  private final String localRef;
  private final String remoteRef;
  private final RemoteHeads remoteHeads;
  private final String authorName;
  private final String authorEmail;

  private JGitWorkspace(
      Repository repo,
      String url,
      String branch,
      RemoteHeads remoteHeads,
      String name,
      String email) {
    this.repo = repo;
    this.url = url;
    this.branch = branch;
    this.localRef = "refs/heads/" + branch;
    this.remoteRef = "refs/remotes/origin/" + branch;
    this.remoteHeads = remoteHeads;
    this.authorName = name;
    this.authorEmail = email;
  }

  /**
   * Opens the workspace in {@code dir}, recovering stale lock files; a corrupt one is deleted and
   * started afresh (the next sync fetches again).
   */
  public static JGitWorkspace open(
      Path dir, String url, String branch, RemoteHeads remoteHeads, String name, String email) {
    Repository repo = null;
    if (Files.isDirectory(dir)) {
      removeStaleLocks(dir);
      try {
        repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        verify(repo, branch);
      } catch (IOException | RuntimeException e) {
        LOG.warnf(
            "Workspace %s is corrupt (%s); starting afresh", dir, e.getClass().getSimpleName());
        if (repo != null) {
          repo.close();
        }
        repo = null;
        deleteRecursively(dir);
      }
    }
    try {
      if (repo == null) {
        Files.createDirectories(dir.getParent());
        repo =
            Git.init()
                .setBare(true)
                .setGitDir(dir.toFile())
                .setInitialBranch(branch)
                .call()
                .getRepository();
      }
      StoredConfig config = repo.getConfig();
      config.setString("shopset", null, "url", url);
      config.setString("shopset", null, "branch", branch);
      config.setBoolean("core", null, "logAllRefUpdates", false);
      config.save();
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("Cannot create workspace " + dir, e);
    }
    return new JGitWorkspace(repo, url, branch, remoteHeads, name, email);
  }

  /** The url and branch recorded in a workspace directory, if it is one. */
  public static Optional<String[]> describe(Path dir) {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).build()) {
      String u = repo.getConfig().getString("shopset", null, "url");
      String b = repo.getConfig().getString("shopset", null, "branch");
      return u == null || b == null ? Optional.empty() : Optional.of(new String[] {u, b});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String repository() {
    return url;
  }

  @Override
  public String branch() {
    return branch;
  }

  @Override
  public void sync() throws GitFailure {
    try {
      Git.wrap(repo)
          .fetch()
          .setRemote(url)
          .setRefSpecs(new RefSpec("+" + localRef + ":" + remoteRef))
          .setCredentialsProvider(remoteHeads.credentials().forUrl(url))
          .setTimeout(60)
          .call();
    } catch (Exception e) {
      if (!String.valueOf(e.getMessage()).contains("Remote does not have")) {
        throw GitErrors.classify("fetch", url, e);
      }
      deleteRef(remoteRef);
    }
    try {
      ObjectId remote = id(remoteRef);
      ObjectId local = id(localRef);
      if (remote != null && (local == null || !isAncestor(remote, local))) {
        setRef(localRef, remote);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void resetToRemote() {
    try {
      ObjectId remote = id(remoteRef);
      if (remote == null) {
        deleteRef(localRef);
      } else {
        setRef(localRef, remote);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<String> commit(Changes changes, Function<List<PinChange>, String> message)
      throws GitFailure {
    try (ObjectInserter inserter = Trees.inserter(repo);
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId parent = id(localRef);
      ObjectId baseTree = parent == null ? null : walk.parseCommit(parent).getTree();
      TreeEditor editor = new TreeEditor(reader, inserter, baseTree, remoteHeads);
      List<PinChange> pins = editor.apply(changes);
      ObjectId tree = editor.writeTree();
      if (tree.equals(baseTree) || (baseTree == null && editor.isEmpty())) {
        return Optional.empty();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent ident = new PersonIdent(authorName, authorEmail);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message.apply(pins));
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef(localRef);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IOException("Cannot move " + localRef + ": " + result);
      }
      return Optional.of(id.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Pushed push() throws GitFailure {
    try {
      ObjectId local = id(localRef);
      ObjectId remote = id(remoteRef);
      if (local == null || local.equals(remote)) {
        return new Pushed(local == null ? null : local.name(), List.of(), 0);
      }
      List<String> messages = messagesBetween(remote, local);
      int files = filesChanged(remote, local);
      Iterable<PushResult> results;
      try {
        results =
            Git.wrap(repo)
                .push()
                .setRemote(url)
                .setRefSpecs(new RefSpec(localRef + ":" + localRef))
                .setCredentialsProvider(remoteHeads.credentials().forUrl(url))
                .setTimeout(60)
                .call();
      } catch (Exception e) {
        throw GitErrors.classify("push to", url, e);
      }
      for (PushResult result : results) {
        RemoteRefUpdate update = result.getRemoteUpdate(localRef);
        if (update != null) {
          check(update);
        }
      }
      setRef(remoteRef, local);
      return new Pushed(local.name(), messages, files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void check(RemoteRefUpdate update) throws GitFailure {
    switch (update.getStatus()) {
      case OK, UP_TO_DATE -> {}
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
          throw new GitFailure(
              GitFailure.Kind.REJECTED, "NotFastForward", "the remote " + branch + " moved", null);
      case REJECTED_OTHER_REASON ->
          throw new GitFailure(
              GitFailure.Kind.TERMINAL,
              "PushRejected",
              "the git host rejected the push to " + branch + ": " + update.getMessage(),
              null);
      default ->
          throw new GitFailure(
              GitFailure.Kind.TRANSIENT,
              "Unavailable",
              "push to " + branch + " ended " + update.getStatus(),
              null);
    }
  }

  @Override
  public Optional<String> head() {
    try {
      return Optional.ofNullable(id(localRef)).map(ObjectId::name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, Pin> pins() {
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId head = id(localRef);
      if (head == null) {
        return Map.of();
      }
      return Trees.pins(reader, walk.parseCommit(head).getTree());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  private List<String> messagesBetween(ObjectId remote, ObjectId local) throws IOException {
    List<String> messages = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(local));
      if (remote != null) {
        walk.markUninteresting(walk.parseCommit(remote));
      }
      for (RevCommit c : walk) {
        messages.add(c.getFullMessage());
      }
    }
    Collections.reverse(messages);
    return messages;
  }

  private int filesChanged(ObjectId remote, ObjectId local) throws IOException {
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

  private boolean isAncestor(ObjectId ancestor, ObjectId of) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
    }
  }

  private ObjectId id(String ref) throws IOException {
    var r = repo.exactRef(ref);
    return r == null ? null : r.getObjectId();
  }

  private void setRef(String ref, ObjectId id) throws IOException {
    RefUpdate update = repo.updateRef(ref);
    update.setNewObjectId(id);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
      throw new IOException("Cannot move " + ref + ": " + result);
    }
  }

  private void deleteRef(String ref) {
    try {
      if (repo.exactRef(ref) != null) {
        RefUpdate update = repo.updateRef(ref);
        update.setForceUpdate(true);
        update.delete();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void verify(Repository repo, String branch) throws IOException {
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

  private static void removeStaleLocks(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path lock : files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
        LOG.infof("Removing stale lock %s", dir.relativize(lock));
        Files.deleteIfExists(lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean locks in " + dir, e);
    }
  }

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
