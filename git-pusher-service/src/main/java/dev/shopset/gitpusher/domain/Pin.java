package dev.shopset.gitpusher.domain;

/**
 * A submodule of a system branch: url and branch from {@code .gitmodules}, sha from the gitlink
 * (null when it is declared but not pinned yet).
 */
public record Pin(String path, String url, String branch, String sha) {

  /** True when this pin follows {@code source}. */
  public boolean follows(SourceRef source) {
    return url != null && branch != null && source.equals(new SourceRef(url, branch));
  }
}
