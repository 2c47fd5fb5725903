package dev.shopset.gitpusher.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SourceResolver;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SourceResolutionTest {

  static final SourceRef FAST = new SourceRef("https://git.example/app.git", "dev");
  static final SourceRef SILENT = new SourceRef("https://silent.example/config.git", "dev");
  static final SourceRef GONE = new SourceRef("https://git.example/gone.git", "dev");
  static final SourceRef NEW = new SourceRef("https://git.example/new.git", "dev");

  /** FAST answers, SILENT never does, GONE is a 404, NEW has no such branch. */
  static final class Hosts implements SourceResolver {
    final CountDownLatch never = new CountDownLatch(1);

    @Override
    public Map<String, String> heads(String url) {
      return Map.of();
    }

    @Override
    public Optional<String> headOrCreate(SourceRef source) throws GitFailure {
      if (source.equals(SILENT)) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Optional.empty();
      }
      if (source.equals(GONE)) {
        throw new GitFailure(
            GitFailure.Kind.TERMINAL, FailureReason.RepositoryNotFound, "no such repository");
      }
      return source.equals(NEW) ? Optional.empty() : Optional.of("f".repeat(40));
    }

    @Override
    public boolean descends(SourceRef source, String ancestor, String commit) {
      return true;
    }
  }

  @Test
  void eachSourceEndsInAHeadNoHeadOrAFailureAndASilentOneInATimeout() throws Exception {
    try (SourceResolution resolution = new SourceResolution(new Hosts(), Duration.ofMillis(300))) {
      SourceResolution.Resolved resolved =
          resolution.resolve(new LinkedHashSet<>(List.of(FAST, SILENT, GONE, NEW)));
      assertThat(resolved.heads().of(FAST)).contains("f".repeat(40));
      assertThat(resolved.heads().of(NEW)).isEmpty();
      assertThat(resolved.failures()).containsOnlyKeys(SILENT, GONE);
      assertThat(resolved.failures().get(SILENT).kind()).isEqualTo(GitFailure.Kind.TRANSIENT);
      assertThat(resolved.failures().get(SILENT).getMessage()).contains("did not answer");
      assertThat(resolved.failures().get(GONE).reason())
          .isEqualTo(FailureReason.RepositoryNotFound);
    }
  }
}
