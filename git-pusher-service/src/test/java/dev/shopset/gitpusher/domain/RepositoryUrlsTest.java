package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryUrlsTest {

  @Test
  void scrubRemovesUserinfoWhereverItAppears() {
    assertThat(RepositoryUrls.scrub("fetch https://bot:tok3n@git.example/a.git: not authorized"))
        .isEqualTo("fetch https://git.example/a.git: not authorized");
  }

  @Test
  void theSameRepositoryComparesEqualAcrossSpellings() {
    assertThat(
            RepositoryUrls.same("https://Git.Example/org/app.git", "http://u@git.example/org/app/"))
        .isTrue();
    assertThat(RepositoryUrls.same("https://git.example/org/app", "https://git.example/org/app2"))
        .isFalse();
  }
}
