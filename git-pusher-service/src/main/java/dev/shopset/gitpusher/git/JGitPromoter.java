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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Carries out promotions: moves an app repository's {@code toBranch} to the head of {@code
 * fromBranch} when that is a fast-forward (creating it when missing), else fails with a reason. One
 * promotion per repository and target branch at a time; others run alongside.
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
      if (from.equals(to)) {
        return result(request, Outcome.SUCCEEDED, from, null, "already there");
      }
      try (Repository repo = ScratchRepos.open(scratchDir, url)) {
        Git git = Git.wrap(repo);
        // refs of this target branch only: promotions to other branches run at the same time
        String prefix = "refs/promote/" + request.toBranch() + "/";
        List<RefSpec> specs = new ArrayList<>();
        specs.add(new RefSpec("+refs/heads/" + request.fromBranch() + ":" + prefix + "from"));
        if (to != null) {
          specs.add(new RefSpec("+refs/heads/" + request.toBranch() + ":" + prefix + "to"));
        }
        git.fetch()
            .setRemote(url)
            .setRefSpecs(specs)
            .setTransportConfigCallback(remoteHeads.credentials().transport(url))
            .setTimeout(60)
            .call();
        if (to != null && !isAncestor(repo, to, from)) {
          return failed(
              request,
              to,
              FailureReason.NotFastForward,
              request.toBranch() + " has commits that " + request.fromBranch() + " lacks");
        }
        Iterable<PushResult> results =
            git.push()
                .setRemote(url)
                .setRefSpecs(new RefSpec(from + ":refs/heads/" + request.toBranch()))
                .setTransportConfigCallback(remoteHeads.credentials().transport(url))
                .setTimeout(60)
                .call();
        for (PushResult r : results) {
          for (RemoteRefUpdate u : r.getRemoteUpdates()) {
            if (u.getStatus() != RemoteRefUpdate.Status.OK
                && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
              return failed(
                  request, to, FailureReason.NotFastForward, "push ended " + u.getStatus());
            }
          }
        }
        return result(request, Outcome.SUCCEEDED, from, null, "moved to " + from);
      }
    } catch (GitFailure f) {
      return terminalOrThrow(request, f);
    } catch (GitAPIException | IOException | RuntimeException e) {
      return terminalOrThrow(request, GitErrors.classify("promote in", url, e));
    }
  }

  private static PromotionResult terminalOrThrow(PromotionRequested request, GitFailure f)
      throws GitFailure {
    if (f.kind() == GitFailure.Kind.TERMINAL) {
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
