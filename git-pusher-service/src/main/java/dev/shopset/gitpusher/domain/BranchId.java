package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.Keys;

/** One branch of one system repository: what a single writer owns. */
public record BranchId(String repository, String branch) {

  /** {@code repository#branch}, the Kafka key of its renders. */
  public String key() {
    return Keys.branch(repository, branch);
  }
}
