package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.Keys;
import java.util.Objects;

/**
 * A branch of an app or configuration repository. Two refs are equal when their URLs name the same
 * repository ({@link RepositoryUrls#normalize}), however they are spelled.
 */
public record SourceRef(String url, String branch) {

  public SourceRef {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(branch, "branch");
  }

  /** {@code <normalized url>#<branch>}. */
  public String key() {
    return Keys.branch(RepositoryUrls.normalize(url), branch);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceRef other && key().equals(other.key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return RepositoryUrls.scrub(url) + "#" + branch;
  }
}
