package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.GitFailure;

/** The head a submodule is to be pinned to: the head of a branch of an app or config repository. */
@FunctionalInterface
public interface SourceHeads {

  /** The head of {@code branch} in {@code url}, or null when there is none (yet). */
  String head(String url, String branch) throws GitFailure;
}
