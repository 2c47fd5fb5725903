package dev.shopset.gitpusher.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitErrorsTest {

  @Test
  void aRefLockedByAConcurrentPushIsARaceToRetry() {
    // What git http-backend answered when a person pushed at the same moment (FaultsIT).
    assertThat(GitErrors.lostARace("failed to update ref")).isTrue();
    assertThat(
            GitErrors.lostARace("cannot lock ref 'refs/heads/dev': is at 1a2b but expected 3c4d"))
        .isTrue();
    assertThat(GitErrors.lostARace("failed to lock")).isTrue();
  }

  @Test
  void aRefusalForGoodIsNot() {
    assertThat(GitErrors.lostARace("pre-receive hook declined")).isFalse();
    assertThat(GitErrors.lostARace("protected branch hook declined")).isFalse();
    assertThat(GitErrors.lostARace(null)).isFalse();
  }
}
