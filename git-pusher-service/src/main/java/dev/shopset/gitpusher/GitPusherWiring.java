package dev.shopset.gitpusher;

import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.app.CommitterSettings;
import dev.shopset.gitpusher.app.Committers;
import dev.shopset.gitpusher.app.Promotions;
import dev.shopset.gitpusher.app.SourcePolling;
import dev.shopset.gitpusher.app.SourceResolution;
import dev.shopset.gitpusher.app.SourceRouter;
import dev.shopset.gitpusher.config.GitPusherConfig;
import dev.shopset.gitpusher.config.RepositoriesConfig;
import dev.shopset.gitpusher.domain.BranchFlow;
import dev.shopset.gitpusher.domain.CommitEvents;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.domain.PinRequests;
import dev.shopset.gitpusher.domain.PromotionEvents;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.SourceEvents;
import dev.shopset.gitpusher.domain.SourceResolver;
import dev.shopset.gitpusher.domain.TierDirectory;
import dev.shopset.gitpusher.git.CommitSigning;
import dev.shopset.gitpusher.git.GitCredentials;
import dev.shopset.gitpusher.git.JGitPromoter;
import dev.shopset.gitpusher.git.JGitSystemBranches;
import dev.shopset.gitpusher.git.RemoteHeads;
import dev.shopset.gitpusher.git.SourceBranches;
import dev.shopset.gitpusher.tracing.OtelCommitTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The composition root: builds the application layer and the git adapter from the configuration,
 * and starts and stops them with the service. The only package that knows every other.
 */
@Singleton
public class GitPusherWiring {

  @Produces
  @Singleton
  TierDirectory tierDirectory() {
    return new TierDirectory();
  }

  @Produces
  @Singleton
  PinDirectory pinDirectory() {
    return new PinDirectory();
  }

  @Produces
  @Singleton
  RemoteHeads remoteHeads(GitPusherConfig config, RepositoriesConfig repositories) {
    return new RemoteHeads(
        GitCredentials.of(config.credentials(), repositories.prefixes().orElse(List.of())));
  }

  @Produces
  @Singleton
  SourceResolver sourceResolver(
      GitPusherConfig config, RemoteHeads remoteHeads, TierDirectory tiers) {
    return new SourceBranches(remoteHeads, tiers, workspaces(config).resolve("sources"));
  }

  @Produces
  @Singleton
  SourceResolution sourceResolution(GitPusherConfig config, SourceResolver resolver) {
    return new SourceResolution(resolver, config.sources().timeout());
  }

  @Produces
  @Singleton
  PusherMetrics metrics(MeterRegistry registry) {
    return new MicrometerPusherMetrics(registry);
  }

  @Produces
  @Singleton
  Committers committers(
      GitPusherConfig config,
      RemoteHeads remoteHeads,
      SourceResolution resolution,
      CommitEvents events,
      BranchFlow flow,
      Tracer tracer,
      PusherMetrics metrics) {
    return new Committers(
        new JGitSystemBranches(
            workspaces(config).resolve("system"),
            remoteHeads,
            config.authorName(),
            config.authorEmail(),
            signing(config.signing())),
        settings(config),
        resolution,
        events,
        flow,
        new OtelCommitTracing(tracer),
        metrics);
  }

  /** How our commits are signed; a passphrase file is read once, at startup. */
  static CommitSigning signing(GitPusherConfig.Signing signing) {
    Optional<String> passphrase =
        signing
            .passphraseFile()
            .map(file -> {
              try {
                return Files.readString(Path.of(file)).strip();
              } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the signing passphrase file", e);
              }
            });
    return CommitSigning.of(signing.format(), signing.keyFile(), passphrase);
  }

  /** Every branch writer's settings. */
  static CommitterSettings settings(GitPusherConfig config) {
    return new CommitterSettings(
        config.batch().window(),
        config.batch().quiet(),
        config.batch().maxCount(),
        config.push().maxRejections(),
        backoff(config),
        new Backoff(config.retry().heldInitial(), config.retry().heldMax()),
        config.queue().maxPending(),
        config.queue().closeWait());
  }

  @Produces
  @Singleton
  SourceRouter sourceRouter(GitPusherConfig config, PinDirectory pins, PinRequests requests) {
    return new SourceRouter(pins, requests, backoff(config));
  }

  @Produces
  @Singleton
  SourcePolling sourcePolling(Committers committers, SourceResolver sources, SourceEvents events) {
    return new SourcePolling(committers, sources, events);
  }

  @Produces
  @Singleton
  Promotions promotions(
      GitPusherConfig config,
      RemoteHeads remoteHeads,
      SourceEvents sources,
      PromotionEvents results,
      PusherMetrics metrics) {
    return new Promotions(
        new JGitPromoter(workspaces(config).resolve("promotions"), remoteHeads),
        sources,
        results,
        backoff(config),
        metrics);
  }

  void onStart(
      @Observes StartupEvent event,
      GitPusherConfig config,
      Committers committers,
      SourcePolling polling) {
    if (config.poll().enabled()) {
      polling.start(config.poll().interval());
    }
  }

  void onStop(
      @Observes ShutdownEvent event,
      Committers committers,
      SourcePolling polling,
      SourceResolution resolution) {
    polling.close();
    committers.close();
    resolution.close();
  }

  private static Backoff backoff(GitPusherConfig config) {
    return new Backoff(config.push().initialBackoff(), config.push().maxBackoff());
  }

  private static Path workspaces(GitPusherConfig config) {
    return Path.of(config.workspaceDir());
  }
}
