package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.BranchId;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.PinChange;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SystemBranch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A {@link SystemBranch} as a bare JGit clone of one branch: trees are built in memory from the
 * head commit (no checkout, no re-normalizing of files), objects go into a pack, refs are updated.
 * The clone is opened by {@link JGitSystemBranches}; commits by {@link CommitWriter}, pushes by
 * {@link BranchPusher}, announcement bookkeeping by {@link Announcements}.
 */
public final class JGitSystemBranch implements SystemBranch {

  private final Repository repo;
  private final BranchId id;
  private final String localRef;
  private final String remoteRef;
  private final RemoteHeads remoteHeads;
  private final String authorName;
  private final String authorEmail;
  private final Announcements announcements;
  private final CommitSigning signing;

  JGitSystemBranch(
      Repository repo,
      BranchId id,
      RemoteHeads remoteHeads,
      String authorName,
      String email,
      CommitSigning signing) {
    this.repo = repo;
    this.id = id;
    this.localRef = "refs/heads/" + id.branch();
    this.remoteRef = "refs/remotes/origin/" + id.branch();
    this.remoteHeads = remoteHeads;
    this.authorName = authorName;
    this.authorEmail = email;
    this.announcements = new Announcements(repo, authorName, email);
    this.signing = signing;
  }

  @Override
  public String repository() {
    return id.repository();
  }

  @Override
  public String branch() {
    return id.branch();
  }

  @Override
  public void sync() throws GitFailure {
    String url = id.repository();
    TransportConfigCallback transport = remoteHeads.credentials().transport(url);
    try {
      Git.wrap(repo)
          .fetch()
          .setRemote(url)
          .setRefSpecs(new RefSpec("+" + localRef + ":" + remoteRef))
          .setTransportConfigCallback(transport)
          .setTimeout(60)
          .call();
    } catch (Exception e) {
      // Asked of the host, not read from the error text: does the branch exist at all?
      if (remoteHeads.heads(url).containsKey(id.branch())) {
        throw GitErrors.classify("fetch", url, e);
      }
      deleteRef(remoteRef); // not yet: the first push creates it
    }
    try {
      ObjectId remote = Refs.id(repo, remoteRef);
      ObjectId local = Refs.id(repo, localRef);
      if (remote != null && (local == null || !History.isAncestor(repo, remote, local))) {
        Refs.set(repo, localRef, remote);
      }
      announcements.synced(remote);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void resetToRemote() {
    try {
      ObjectId remote = Refs.id(repo, remoteRef);
      if (remote == null) {
        Refs.delete(repo, localRef);
      } else {
        Refs.set(repo, localRef, remote);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<String> commit(
      Changes changes, SourceHeads heads, Function<List<PinChange>, String> message)
      throws GitFailure {
    try {
      return CommitWriter.commit(
              repo,
              localRef,
              changes,
              heads,
              new PersonIdent(authorName, authorEmail),
              signing,
              message)
          .map(ObjectId::name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Pushed push() throws GitFailure {
    try {
      ObjectId local = Refs.id(repo, localRef);
      ObjectId remote = Refs.id(repo, remoteRef);
      if (local == null) {
        return new Pushed(null, List.of(), 0);
      }
      if (!local.equals(remote)) {
        BranchPusher.push(
            repo,
            id.repository(),
            id.branch(),
            remoteHeads.credentials().transport(id.repository()));
        Refs.set(repo, remoteRef, local);
      }
      return announcements.pending(local, remote);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void announced(String sha) {
    try {
      announcements.announced(ObjectId.fromString(sha));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<String> head() {
    try {
      return Optional.ofNullable(Refs.id(repo, localRef)).map(ObjectId::name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, Pin> pins() throws GitFailure {
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId head = Refs.id(repo, localRef);
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

  private void deleteRef(String ref) {
    try {
      Refs.delete(repo, ref);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
