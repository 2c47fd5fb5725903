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
 * The resolution step before a commit: the heads of the source branches a batch pins anew (each
 * asked of its repository, creating a missing tier branch there) and whether requested pin heads
 * descend from the pinned ones (each source branch's history fetched into a scratch repository).
 * Every question runs in parallel, bounded by one timeout; a source that fails or keeps silent
 * fails only the work that needs it. Runs without holding anything of the system branch; its
 * answers reach the commit as plain data.
 */
public final class SourceResolution implements AutoCloseable {

  /** Does {@code commit} descend from {@code ancestor} on {@code source}'s branch? */
  public record Ancestry(SourceRef source, String ancestor, String commit) {}

  private final SourceResolver resolver;
  private final Duration timeout;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param timeout how long one source may take to answer
   */
  public SourceResolution(SourceResolver resolver, Duration timeout) {
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /** What became of each question: an answer or a failure. */
  public record Resolved(
      SourceHeads heads,
      Map<SourceRef, GitFailure> failures,
      Map<Ancestry, Boolean> descends,
      Map<Ancestry, GitFailure> ancestryFailures) {
    public Resolved {
      failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
      descends = Map.copyOf(descends);
      ancestryFailures = Collections.unmodifiableMap(new LinkedHashMap<>(ancestryFailures));
    }

    /** The first failure of a head, if any source failed. */
    public Optional<GitFailure> firstFailure() {
      return failures.values().stream().findFirst();
    }
  }

  /** Resolves the heads of {@code sources}. */
  public Resolved resolve(Set<SourceRef> sources) throws InterruptedException {
    return resolve(sources, Set.of());
  }

  /** Resolves every head and answers every ancestry question, each within the timeout. */
  public Resolved resolve(Set<SourceRef> sources, Set<Ancestry> questions)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<SourceRef, Future<Optional<String>>> heads = new LinkedHashMap<>();
    sources.forEach(s -> heads.put(s, executor.submit(() -> resolver.headOrCreate(s))));
    Map<Ancestry, Future<Boolean>> ancestry = new LinkedHashMap<>();
    questions.forEach(q ->
        ancestry.put(
            q, executor.submit(() -> resolver.descends(q.source(), q.ancestor(), q.commit()))));
    Map<SourceRef, String> found = new HashMap<>();
    Map<SourceRef, GitFailure> failures = new LinkedHashMap<>();
    for (var e : heads.entrySet()) {
      Answer<Optional<String>> a = await(e.getValue(), e.getKey(), deadline);
      if (a.failure() != null) {
        failures.put(e.getKey(), a.failure());
      } else {
        a.value().ifPresent(h -> found.put(e.getKey(), h));
      }
    }
    Map<Ancestry, Boolean> descends = new HashMap<>();
    Map<Ancestry, GitFailure> ancestryFailures = new LinkedHashMap<>();
    for (var e : ancestry.entrySet()) {
      Answer<Boolean> a = await(e.getValue(), e.getKey().source(), deadline);
      if (a.failure() != null) {
        ancestryFailures.put(e.getKey(), a.failure());
      } else {
        descends.put(e.getKey(), a.value());
      }
    }
    return new Resolved(SourceHeads.of(found), failures, descends, ancestryFailures);
  }

  private record Answer<T>(T value, GitFailure failure) {}

  private <T> Answer<T> await(Future<T> future, SourceRef source, long deadline)
      throws InterruptedException {
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      return new Answer<>(future.get(left, TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Answer<>(
          null,
          new GitFailure(
              GitFailure.Kind.TRANSIENT,
              FailureReason.Unavailable,
              source + " did not answer within " + timeout.toSeconds() + " s"));
    } catch (ExecutionException e) {
      return new Answer<>(null, asFailure(source, e.getCause()));
    }
  }

  private static GitFailure asFailure(SourceRef source, Throwable cause) {
    if (cause instanceof GitFailure f) {
      return f;
    }
    return new GitFailure(
        GitFailure.Kind.TRANSIENT,
        FailureReason.Unavailable,
        "asking " + source + " failed: " + cause);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
