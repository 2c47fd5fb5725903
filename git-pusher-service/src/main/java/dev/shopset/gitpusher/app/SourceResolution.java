package dev.shopset.gitpusher.app;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SourceResolver;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The resolution step before a commit: the heads of the source branches a batch pins anew, each
 * asked of its repository in parallel (creating a missing tier branch there), each bounded by a
 * timeout. Runs without holding anything of the system branch; its answers reach the commit as
 * plain data.
 */
public final class SourceResolution implements AutoCloseable {

  private final SourceResolver resolver;
  private final Duration timeout;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param timeout how long one source may take to answer (its {@code ls-remote}, and creating its
   *     branch when missing)
   */
  public SourceResolution(SourceResolver resolver, Duration timeout) {
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /** What became of each source: a head, no head (missing, not creatable yet), or a failure. */
  public record Resolved(SourceHeads heads, Map<SourceRef, GitFailure> failures) {
    public Resolved {
      failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /** The first failure, if any source failed. */
    public Optional<GitFailure> firstFailure() {
      return failures.values().stream().findFirst();
    }
  }

  /** Resolves every source; waits at most the timeout (per source, in parallel). */
  public Resolved resolve(Set<SourceRef> sources) throws InterruptedException {
    if (sources.isEmpty()) {
      return new Resolved(SourceHeads.none(), Map.of());
    }
    Map<SourceRef, Future<Optional<String>>> asked = new LinkedHashMap<>();
    for (SourceRef source : sources) {
      asked.put(source, executor.submit(() -> resolver.headOrCreate(source)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<SourceRef, String> heads = new HashMap<>();
    Map<SourceRef, GitFailure> failures = new LinkedHashMap<>();
    for (Map.Entry<SourceRef, Future<Optional<String>>> entry : asked.entrySet()) {
      SourceRef source = entry.getKey();
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        entry.getValue().get(left, TimeUnit.NANOSECONDS).ifPresent(h -> heads.put(source, h));
      } catch (TimeoutException e) {
        entry.getValue().cancel(true);
        failures.put(
            source,
            new GitFailure(
                GitFailure.Kind.TRANSIENT,
                FailureReason.Unavailable,
                source + " did not answer within " + timeout.toSeconds() + " s"));
      } catch (ExecutionException e) {
        failures.put(source, asFailure(source, e.getCause()));
      }
    }
    return new Resolved(SourceHeads.of(heads), failures);
  }

  private static GitFailure asFailure(SourceRef source, Throwable cause) {
    if (cause instanceof GitFailure f) {
      return f;
    }
    return new GitFailure(
        GitFailure.Kind.TRANSIENT,
        FailureReason.Unavailable,
        "resolving " + source + " failed: " + cause);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
