package dev.shopset.gitpusher.app;

import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Promoter;
import dev.shopset.gitpusher.domain.PromotionEvents;
import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.SourceEvents;
import org.jboss.logging.Logger;

/**
 * Carries promotions out: transient git trouble is retried with backoff (the request is kept), the
 * result is published, and when the branch moved its new head goes to {@code shopset.sources} at
 * once, so the next tier's pins follow without waiting for the host's webhook or a poll.
 */
public final class Promotions {

  private static final Logger LOG = Logger.getLogger(Promotions.class);

  private final Promoter promoter;
  private final SourceEvents sources;
  private final PromotionEvents results;
  private final Backoff backoff;
  private final PusherMetrics metrics;

  public Promotions(
      Promoter promoter, SourceEvents sources, PromotionEvents results, Backoff backoff) {
    this(promoter, sources, results, backoff, PusherMetrics.NONE);
  }

  public Promotions(
      Promoter promoter,
      SourceEvents sources,
      PromotionEvents results,
      Backoff backoff,
      PusherMetrics metrics) {
    this.promoter = promoter;
    this.sources = sources;
    this.results = results;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  /** Promotes and publishes the result; returns once both are durable. Blocks while git is down. */
  public PromotionResult carryOut(PromotionRequested request) throws InterruptedException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        PromotionResult result = promoter.promote(request);
        if (result.outcome() == PromotionResult.Outcome.SUCCEEDED && result.commit() != null) {
          sources.sourceChanged(
              new SourceChanged(
                  request.appRepository(),
                  request.toBranch(),
                  null,
                  result.commit(),
                  request.rollback()));
        }
        results.promotionResult(result);
        boolean succeeded = result.outcome() == PromotionResult.Outcome.SUCCEEDED;
        metrics.promoted(
            succeeded ? "succeeded" : "failed",
            succeeded || result.reason() == null ? "" : result.reason(),
            System.nanoTime() - start);
        return result;
      } catch (GitFailure f) {
        LOG.warnf("Promotion %s: %s; retrying", request.promotion(), f.getMessage());
        Thread.sleep(backoff.delay(attempt).toMillis());
      }
    }
  }
}
