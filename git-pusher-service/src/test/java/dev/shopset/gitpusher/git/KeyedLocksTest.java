package dev.shopset.gitpusher.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {

  @Test
  void workOnOneBranchDoesNotWaitForWorkOnAnother() throws Exception {
    KeyedLocks locks = new KeyedLocks();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> slow =
        CompletableFuture.runAsync(() -> {
          try {
            locks.with(
                "https://git.example/app#prod",
                () -> {
                  holding.countDown();
                  release.await();
                  return null;
                });
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    // Another branch of the same repository is not held up by the slow promotion.
    assertThat(locks.<String, RuntimeException>with("https://git.example/app#stage", () -> "done"))
        .isEqualTo("done");
    CompletableFuture<String> sameBranch =
        CompletableFuture.supplyAsync(() ->
            locks.<String, RuntimeException>with("https://git.example/app#prod", () -> "later"));
    release.countDown();
    assertThat(sameBranch.get(10, TimeUnit.SECONDS)).isEqualTo("later");
    slow.get(10, TimeUnit.SECONDS);
  }
}
