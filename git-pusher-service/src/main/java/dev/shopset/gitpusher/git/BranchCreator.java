package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.Keys;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Creates a branch of a remote repository at the head of another branch: fetches that branch into a
 * scratch bare repository (one per URL, kept between calls) and pushes it under the new name
 * without force, so a branch someone created meanwhile is never overwritten. One creation per
 * repository and branch at a time.
 */
final class BranchCreator {

  private final Path scratchDir;
  private final RemoteHeads remoteHeads;
  private final KeyedLocks locks = new KeyedLocks();

  BranchCreator(Path scratchDir, RemoteHeads remoteHeads) {
    this.scratchDir = scratchDir;
    this.remoteHeads = remoteHeads;
  }

  /** Creates {@code branch} at the head of {@code from}; returns the head {@code branch} has. */
  String create(String url, String from, String branch) throws GitFailure {
    return locks.with(
        Keys.branch(RepositoryUrls.normalize(url), branch), () -> createNow(url, from, branch));
  }

  private String createNow(String url, String from, String branch) throws GitFailure {
    try (Repository repo = ScratchRepos.open(scratchDir, url)) {
      Git git = Git.wrap(repo);
      String local = "refs/shopset/create/" + branch;
      git.fetch()
          .setRemote(url)
          .setRefSpecs(new RefSpec("+refs/heads/" + from + ":" + local))
          .setTransportConfigCallback(remoteHeads.credentials().transport(url))
          .setTimeout(60)
          .call();
      ObjectId head = repo.exactRef(local).getObjectId();
      Iterable<PushResult> results =
          git.push()
              .setRemote(url)
              .setRefSpecs(new RefSpec(head.name() + ":refs/heads/" + branch))
              .setTransportConfigCallback(remoteHeads.credentials().transport(url))
              .setTimeout(60)
              .call();
      for (PushResult result : results) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          switch (update.getStatus()) {
            case OK, UP_TO_DATE -> {}
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
              // created meanwhile by someone else: theirs stands
              return remoteHeads.head(url, branch);
            }
            default ->
                throw new GitFailure(
                    GitFailure.Kind.TERMINAL,
                    FailureReason.BranchNotCreated,
                    "the git host refused to create " + branch + ": " + update.getStatus());
          }
        }
      }
      return head.name();
    } catch (GitFailure f) {
      throw f;
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw GitErrors.classify("create " + branch + " in", url, e);
    }
  }
}
