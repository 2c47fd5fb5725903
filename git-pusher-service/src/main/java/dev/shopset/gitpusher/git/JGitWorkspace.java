package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.PinChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.jboss.logging.Logger;

/**
 * A {@link Workspace} as a bare JGit clone of one branch: trees are built in memory from the head
 * commit (no checkout, no re-normalizing of files), objects go into a pack, refs are updated.
 */
public final class JGitWorkspace implements Workspace {

  private static final Logger LOG = Logger.getLogger(JGitWorkspace.class);

  /** The last commit whose {@code commit pushed} event is on Kafka. */
  private static final String ANNOUNCED = "refs/shopset/announced";

  /** Config key set once {@link #ANNOUNCED} is kept (from the first sync on). */
  private static final String ANNOUNCING = "announcing";

  private final Repository repo;
  private final String url;
  private final String branch;
  private final String localRef;
  private final String remoteRef;
  private final RemoteHeads remoteHeads;
  private final SourceHeads sources;
  private final String authorName;
  private final String authorEmail;

  private JGitWorkspace(
      Repository repo,
      String url,
      String branch,
      RemoteHeads remoteHeads,
      SourceHeads sources,
      String name,
      String email) {
    this.repo = repo;
    this.url = url;
    this.branch = branch;
    this.localRef = "refs/heads/" + branch;
    this.remoteRef = "refs/remotes/origin/" + branch;
    this.remoteHeads = remoteHeads;
    this.sources = sources;
    this.authorName = name;
    this.authorEmail = email;
  }

  /**
   * Opens the workspace in {@code dir}, recovering stale lock files; a corrupt one is deleted and
   * started afresh (the next sync fetches again).
   */
  public static JGitWorkspace open(
      Path dir, String url, String branch, RemoteHeads remoteHeads, String name, String email) {
    return open(dir, url, branch, remoteHeads, remoteHeads, name, email);
  }

  /**
   * As {@link #open(Path, String, String, RemoteHeads, String, String)}, with submodules pinned to
   * the heads {@code sources} gives (which may create missing tier branches first).
   */
  public static JGitWorkspace open(
      Path dir,
      String url,
      String branch,
      RemoteHeads remoteHeads,
      SourceHeads sources,
      String name,
      String email) {
    Repository repo = null;
    if (Files.isDirectory(dir)) {
      Recovery.removeStaleLocks(dir);
      try {
        repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        Recovery.verify(repo, branch);
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
    return new JGitWorkspace(repo, url, branch, remoteHeads, sources, name, email);
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
          .setTransportConfigCallback(remoteHeads.credentials().transport(url))
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
      if (remote != null && (local == null || !History.isAncestor(repo, remote, local))) {
        setRef(localRef, remote);
      }
      StoredConfig config = repo.getConfig();
      if (!config.getBoolean("shopset", null, ANNOUNCING, false)) {
        // a new workspace: what the remote has is announced already (by us or another instance)
        if (remote != null) {
          setRef(ANNOUNCED, remote);
        }
        config.setBoolean("shopset", null, ANNOUNCING, true);
        config.save();
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
      TreeEditor editor = new TreeEditor(reader, inserter, baseTree, sources);
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
      if (local == null) {
        return new Pushed(null, List.of(), 0);
      }
      if (!local.equals(remote)) {
        pushToRemote();
        setRef(remoteRef, local);
      }
      // What is not announced yet: since the last announced commit when it is in our history (a
      // crash between push and announcement is made good here), else what this push carried.
      ObjectId announced = id(ANNOUNCED);
      if (local.equals(announced)) {
        return new Pushed(local.name(), List.of(), 0);
      }
      ObjectId base;
      if (announced != null) {
        base = History.isAncestor(repo, announced, local) ? announced : remote;
      } else {
        // nothing announced yet: everything ours if the branch was empty when first synced
        base = repo.getConfig().getBoolean("shopset", null, ANNOUNCING, false) ? null : remote;
      }
      List<String> messages = History.ours(repo, base, local, authorName, authorEmail);
      if (messages.isEmpty()) {
        setRef(ANNOUNCED, local);
        return new Pushed(local.name(), List.of(), 0);
      }
      return new Pushed(local.name(), messages, History.filesChanged(repo, base, local));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void announced(String sha) {
    try {
      setRef(ANNOUNCED, ObjectId.fromString(sha));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pushToRemote() throws GitFailure {
    Iterable<PushResult> results;
    try {
      results =
          Git.wrap(repo)
              .push()
              .setRemote(url)
              .setRefSpecs(new RefSpec(localRef + ":" + localRef))
              .setTransportConfigCallback(remoteHeads.credentials().transport(url))
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
  }

  private void check(RemoteRefUpdate update) throws GitFailure {
    switch (update.getStatus()) {
      case OK, UP_TO_DATE -> {}
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
          throw new GitFailure(
              GitFailure.Kind.REJECTED, "NotFastForward", "the remote " + branch + " moved", null);
      case REJECTED_OTHER_REASON -> {
        if (GitErrors.lostARace(update.getMessage())) {
          // Someone else's push held the ref at that moment: fetch, re-apply, push again.
          throw new GitFailure(
              GitFailure.Kind.REJECTED,
              "NotFastForward",
              "the remote " + branch + " was being updated: " + update.getMessage(),
              null);
        }
        throw new GitFailure(
            GitFailure.Kind.TERMINAL,
            "PushRejected",
            "the git host rejected the push to " + branch + ": " + update.getMessage(),
            null);
      }
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
}
