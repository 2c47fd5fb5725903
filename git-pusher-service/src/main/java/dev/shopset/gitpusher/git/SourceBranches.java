package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SourceResolver;
import dev.shopset.gitpusher.domain.TierDirectory;
import dev.shopset.gitpusher.domain.TierDirectory.Origin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.jboss.logging.Logger;

/**
 * The {@link SourceResolver} of app and configuration repositories: heads by {@code ls-remote}; a
 * missing tier branch created first from the head of the tier below's branch (created in turn if
 * missing), or from the default branch for the first tier. A branch whose tier is not known yet is
 * left missing (not pinned; the next render or poll tries again).
 */
public final class SourceBranches implements SourceResolver {

  private static final Logger LOG = Logger.getLogger(SourceBranches.class);
  private static final int MAX_DEPTH = 16;

  private final RemoteHeads remoteHeads;
  private final TierDirectory tiers;
  private final BranchCreator creator;
  private final Path scratchDir;
  private final KeyedLocks locks = new KeyedLocks();

  public SourceBranches(RemoteHeads remoteHeads, TierDirectory tiers, Path scratchDir) {
    this.remoteHeads = remoteHeads;
    this.tiers = tiers;
    this.creator = new BranchCreator(scratchDir, remoteHeads);
    this.scratchDir = scratchDir;
  }

  @Override
  public boolean descends(SourceRef source, String ancestor, String commit) throws GitFailure {
    String url = source.url();
    return locks.with(
        source.key(),
        () -> {
          try (Repository repo = ScratchRepos.open(scratchDir, url)) {
            Optional<Boolean> known = History.descends(repo, ancestor, commit);
            if (known.isPresent()) {
              return known.get();
            }
            Git.wrap(repo)
                .fetch()
                .setRemote(url)
                .setRefSpecs(
                    new RefSpec(
                        "+refs/heads/"
                            + source.branch()
                            + ":refs/shopset/history/"
                            + source.branch()))
                .setTransportConfigCallback(remoteHeads.credentials().transport(url))
                .setTimeout(30)
                .call();
            return History.descends(repo, ancestor, commit).orElse(false);
          } catch (GitAPIException | IOException | RuntimeException e) {
            throw GitErrors.classify("fetch the history of " + source.branch() + " from", url, e);
          }
        });
  }

  @Override
  public Map<String, String> heads(String url) throws GitFailure {
    return remoteHeads.heads(url);
  }

  @Override
  public Optional<String> headOrCreate(SourceRef source) throws GitFailure {
    return Optional.ofNullable(head(source.url(), source.branch(), 0));
  }

  private String head(String url, String branch, int depth) throws GitFailure {
    String head = remoteHeads.head(url, branch);
    if (head != null) {
      return head;
    }
    String from;
    switch (tiers.originOf(url, branch)) {
      case Origin.TierBelow below -> {
        if (depth >= MAX_DEPTH || head(url, below.branch(), depth + 1) == null) {
          return null;
        }
        from = below.branch();
      }
      case Origin.DefaultBranch first -> {
        from = remoteHeads.defaultBranch(url);
        if (from == null) {
          LOG.warnf(
              "Cannot create %s in %s: the repository has no default branch",
              branch, RepositoryUrls.scrub(url));
          return null;
        }
      }
      case Origin.Unknown unknown -> {
        LOG.infof(
            "Branch %s of %s is missing and not created yet: %s",
            branch, RepositoryUrls.scrub(url), unknown.why());
        return null;
      }
    }
    String created = creator.create(url, from, branch);
    LOG.infof(
        "Created branch %s of %s from %s at %s", branch, RepositoryUrls.scrub(url), from, created);
    return created;
  }
}
