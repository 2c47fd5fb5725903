package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.PromotionResult.Outcome;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Promoter;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Carries out promotions: moves an app repository's {@code toBranch} to the head of {@code
 * fromBranch} (or to a named commit of its history) when that is a fast-forward (creating it when
 * missing), else fails with a reason; an explicit rollback moves {@code toBranch} back to a commit
 * of its own history, with a lease on the head it read. One promotion per repository and target
 * branch at a time; others run alongside.
 */
public final class JGitPromoter implements Promoter {

  private final Path scratchDir;
  private final RemoteHeads remoteHeads;
  private final KeyedLocks locks = new KeyedLocks();

  /**
   * @param scratchDir the {@code promotions/} directory: one bare scratch repository per URL
   */
  public JGitPromoter(Path scratchDir, RemoteHeads remoteHeads) {
    this.scratchDir = scratchDir;
    this.remoteHeads = remoteHeads;
  }

  @Override
  public PromotionResult promote(PromotionRequested request) throws GitFailure {
    String key = Keys.branch(RepositoryUrls.normalize(request.appRepository()), request.toBranch());
    return locks.with(key, () -> promoteNow(request));
  }

  private PromotionResult promoteNow(PromotionRequested request) throws GitFailure {
    String url = request.appRepository();
    try {
      Map<String, String> heads = remoteHeads.heads(url);
      String from = heads.get(request.fromBranch());
      String to = heads.get(request.toBranch());
      if (from == null) {
        return failed(
            request, to, FailureReason.BranchNotFound, request.fromBranch() + " does not exist");
      }
      String target = request.commit() == null ? from : request.commit();
      if (target.equals(to)) {
        return result(request, Outcome.SUCCEEDED, target, null, "already there");
      }
      try (Repository repo = ScratchRepos.open(scratchDir, url)) {
        fetch(repo, request, to != null);
        if (request.rollback()) {
          return rollBack(repo, request, to, target);
        }
        if (!contains(repo, from, target)) {
          return failed(
              request,
              to,
              FailureReason.CommitNotInHistory,
              target + " is not in the history of " + request.fromBranch());
        }
        if (to != null && !isAncestor(repo, to, target)) {
          return failed(
              request,
              to,
              FailureReason.NotFastForward,
              request.toBranch() + " has commits that " + request.fromBranch() + " lacks");
        }
        Iterable<PushResult> results =
            Git.wrap(repo)
                .push()
                .setRemote(url)
                .setRefSpecs(new RefSpec(target + ":refs/heads/" + request.toBranch()))
                .setTransportConfigCallback(remoteHeads.credentials().transport(url))
                .setTimeout(60)
                .call();
        Optional<PromotionResult> refused = refusal(request, to, results);
        return refused.orElseGet(() -> moved(request, target, to, "moved to " + target));
      }
    } catch (GitFailure f) {
      return terminalOrThrow(request, f);
    } catch (GitAPIException | IOException | RuntimeException e) {
      return terminalOrThrow(request, GitErrors.classify("promote in", url, e));
    }
  }

  /**
   * An explicit rollback: {@code toBranch} goes back to {@code target}, which must be in its own
   * history; the push replaces the branch only if it still is where it was read (a lease).
   */
  private PromotionResult rollBack(
      Repository repo, PromotionRequested request, String to, String target)
      throws GitAPIException, IOException, GitFailure {
    if (to == null || !contains(repo, to, target)) {
      return failed(
          request,
          to,
          FailureReason.CommitNotInHistory,
          target + " is not in the history of " + request.toBranch() + ": nothing to roll back to");
    }
    String ref = "refs/heads/" + request.toBranch();
    Iterable<PushResult> results =
        Git.wrap(repo)
            .push()
            .setRemote(request.appRepository())
            .setRefSpecs(new RefSpec("+" + target + ":" + ref))
            .setRefLeaseSpecs(new RefLeaseSpec(ref, to))
            .setTransportConfigCallback(
                remoteHeads.credentials().transport(request.appRepository()))
            .setTimeout(60)
            .call();
    Optional<PromotionResult> refused = refusal(request, to, results);
    return refused.orElseGet(() -> moved(request, target, to, "rolled back to " + target));
  }

  /** Fetches the branches of the request (refs of this target branch only). */
  private void fetch(Repository repo, PromotionRequested request, boolean toExists)
      throws GitAPIException, GitFailure {
    String prefix = "refs/promote/" + request.toBranch() + "/";
    List<RefSpec> specs = new ArrayList<>();
    specs.add(new RefSpec("+refs/heads/" + request.fromBranch() + ":" + prefix + "from"));
    if (toExists && !request.fromBranch().equals(request.toBranch())) {
      specs.add(new RefSpec("+refs/heads/" + request.toBranch() + ":" + prefix + "to"));
    }
    Git.wrap(repo)
        .fetch()
        .setRemote(request.appRepository())
        .setRefSpecs(specs)
        .setTransportConfigCallback(remoteHeads.credentials().transport(request.appRepository()))
        .setTimeout(60)
        .call();
  }

  /** A push the host refused, as a failed result; a lost race is thrown to be retried. */
  private static Optional<PromotionResult> refusal(
      PromotionRequested request, String to, Iterable<PushResult> results) throws GitFailure {
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        switch (u.getStatus()) {
          case OK, UP_TO_DATE -> {}
          case REJECTED_REMOTE_CHANGED ->
              throw new GitFailure(
                  GitFailure.Kind.TRANSIENT,
                  FailureReason.Unavailable,
                  request.toBranch() + " moved while it was being promoted; trying again");
          default -> {
            return Optional.of(
                failed(request, to, FailureReason.NotFastForward, "push ended " + u.getStatus()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code commit} is in the history of {@code head}; false when it is unknown. */
  private static boolean contains(Repository repo, String head, String commit) throws IOException {
    return History.descends(repo, commit, head).orElse(false);
  }

  private static PromotionResult terminalOrThrow(PromotionRequested request, GitFailure f)
      throws GitFailure {
    if (f.kind() == GitFailure.Kind.TERMINAL || f.kind() == GitFailure.Kind.INVALID) {
      return failed(request, null, f.reason(), f.getMessage());
    }
    throw f;
  }

  private static boolean isAncestor(Repository repo, String ancestor, String of)
      throws IOException {
    return History.isAncestor(repo, ObjectId.fromString(ancestor), ObjectId.fromString(of));
  }

  private static PromotionResult failed(
      PromotionRequested r, String commit, FailureReason reason, String message) {
    return result(r, Outcome.FAILED, commit, reason.name(), message);
  }

  /** Success that moved {@code toBranch} from {@code before} (null: it did not exist). */
  private static PromotionResult moved(
      PromotionRequested r, String target, String before, String message) {
    return new PromotionResult(
        r.promotion(),
        r.generation(),
        r.appRepository(),
        r.fromBranch(),
        r.toBranch(),
        Outcome.SUCCEEDED,
        target,
        null,
        message,
        before);
  }

  private static PromotionResult result(
      PromotionRequested r, Outcome outcome, String commit, String reason, String message) {
    return new PromotionResult(
        r.promotion(),
        r.generation(),
        r.appRepository(),
        r.fromBranch(),
        r.toBranch(),
        outcome,
        commit,
        reason,
        message);
  }
}
