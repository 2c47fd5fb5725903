package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.GitFailure.Kind;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes a local branch to the same branch of the remote, never forced, and reads the per-ref
 * status: a rejection is a status, not an exception.
 */
final class BranchPusher {

  private BranchPusher() {}

  static void push(Repository repo, String url, String branch, TransportConfigCallback transport)
      throws GitFailure {
    String ref = "refs/heads/" + branch;
    Iterable<PushResult> results;
    try {
      results =
          Git.wrap(repo)
              .push()
              .setRemote(url)
              .setRefSpecs(new RefSpec(ref + ":" + ref))
              .setTransportConfigCallback(transport)
              .setTimeout(60)
              .call();
    } catch (Exception e) {
      throw GitErrors.classify("push to", url, e);
    }
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update != null) {
        check(update, branch);
      }
    }
  }

  /** Throws unless the ref was updated (or already up to date). */
  static void check(RemoteRefUpdate update, String branch) throws GitFailure {
    switch (update.getStatus()) {
      case OK, UP_TO_DATE -> {}
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
          throw new GitFailure(
              Kind.REJECTED, FailureReason.NotFastForward, "the remote " + branch + " moved");
      case REJECTED_OTHER_REASON -> {
        if (GitErrors.lostARace(update.getMessage())) {
          // Someone else's push held the ref at that moment: fetch, re-apply, push again.
          throw new GitFailure(
              Kind.REJECTED,
              FailureReason.NotFastForward,
              "the remote " + branch + " was being updated: " + update.getMessage());
        }
        throw new GitFailure(
            Kind.TERMINAL,
            FailureReason.PushRejected,
            "the git host rejected the push to " + branch + ": " + update.getMessage());
      }
      default ->
          throw new GitFailure(
              Kind.TRANSIENT,
              FailureReason.Unavailable,
              "push to " + branch + " ended " + update.getStatus());
    }
  }
}
