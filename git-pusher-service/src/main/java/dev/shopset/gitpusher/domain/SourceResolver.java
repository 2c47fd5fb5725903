package dev.shopset.gitpusher.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Port: heads of app and configuration repository branches. {@link #heads} only reads; {@link
 * #headOrCreate} may write (it creates a missing tier branch), which is why the service calls it in
 * a resolution step of its own, before a commit and never inside one.
 */
public interface SourceResolver {

  /** Branch name to head, by {@code ls-remote}. */
  Map<String, String> heads(String url) throws GitFailure;

  /**
   * The head of {@code source}; when the branch is missing and its tier is known ({@link
   * TierDirectory}), it is first created from the tier below's branch (or the default branch for
   * the first tier). Empty when it is missing and cannot be created yet.
   */
  Optional<String> headOrCreate(SourceRef source) throws GitFailure;

  /**
   * Whether {@code commit} is {@code ancestor} or one of its descendants on {@code source}'s
   * history (read from the source branch, fetched into a scratch repository). False when either is
   * not in that history.
   */
  boolean descends(SourceRef source, String ancestor, String commit) throws GitFailure;
}
