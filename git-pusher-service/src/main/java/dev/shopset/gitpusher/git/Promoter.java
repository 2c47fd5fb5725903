package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.PromotionResult.Outcome;
import dev.shopset.gitpusher.GitPusherConfig;
import dev.shopset.gitpusher.domain.GitFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Carries out promotions: moves an app repository's {@code toBranch} to the head of {@code
 * fromBranch} when that is a fast-forward (creating it when missing), else fails with a reason.
 */
@ApplicationScoped
public class Promoter {

  private final GitPusherConfig config;
  private final RemoteHeads remoteHeads;

  public Promoter(GitPusherConfig config, RemoteHeads remoteHeads) {
    this.config = config;
    this.remoteHeads = remoteHeads;
  }

  /** Promotes; terminal git failures become a FAILED result, transient ones are thrown. */
  public synchronized PromotionResult promote(PromotionRequested request) throws GitFailure {
    String url = request.appRepository();
    try {
      Map<String, String> heads = remoteHeads.heads(url);
      String from = heads.get(request.fromBranch());
      String to = heads.get(request.toBranch());
      if (from == null) {
        return failed(request, to, "BranchNotFound", request.fromBranch() + " does not exist");
      }
      if (from.equals(to)) {
        return result(request, Outcome.SUCCEEDED, from, null, "already there");
      }
      try (Repository repo = scratch(url)) {
        Git git = Git.wrap(repo);
        git.fetch()
            .setRemote(url)
            .setRefSpecs(new RefSpec("+refs/heads/*:refs/promote/all/*"))
            .setTransportConfigCallback(remoteHeads.credentials().transport(url))
            .setTimeout(60)
            .call();
        if (to != null && !isAncestor(repo, to, from)) {
          return failed(
              request,
              to,
              "NotFastForward",
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
              return failed(request, to, "NotFastForward", "push ended " + u.getStatus());
            }
          }
        }
        return result(request, Outcome.SUCCEEDED, from, null, "moved to " + from);
      }
    } catch (GitFailure f) {
      if (f.kind() == GitFailure.Kind.TERMINAL) {
        return failed(request, null, f.reason(), f.getMessage());
      }
      throw f;
    } catch (GitAPIException | IOException | RuntimeException e) {
      GitFailure f = GitErrors.classify("promote in", url, e);
      if (f.kind() == GitFailure.Kind.TERMINAL) {
        return failed(request, null, f.reason(), f.getMessage());
      }
      throw f;
    }
  }

  private Repository scratch(String url) throws IOException, GitAPIException {
    return ScratchRepos.open(Path.of(config.workspaceDir()).resolve("promotions"), url);
  }

  private static boolean isAncestor(Repository repo, String ancestor, String of)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(
          walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(of)));
    }
  }

  private static PromotionResult failed(
      PromotionRequested r, String commit, String reason, String message) {
    return result(r, Outcome.FAILED, commit, reason, message);
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
