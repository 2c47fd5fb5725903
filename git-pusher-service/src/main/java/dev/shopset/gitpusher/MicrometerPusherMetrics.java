package dev.shopset.gitpusher;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.PusherMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * git-pusher's meters in Prometheus ({@code /q/metrics}), named as the README's metrics table lists
 * them. A branch's failure counters (one per {@link FailureReason}) and promotion counters are
 * registered when its writer opens, or at start, so rates and alerts see them before the first
 * failure.
 */
final class MicrometerPusherMetrics implements PusherMetrics {

  private static final Duration[] SECONDS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };
  private static final double[] COUNTS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000};

  private final MeterRegistry registry;

  MicrometerPusherMetrics(MeterRegistry registry) {
    this.registry = registry;
    promotions("succeeded", "");
    promotions("failed", "NotFastForward");
    promotionDuration();
  }

  @Override
  public void pushed(
      String branch, int files, int shopSets, int pins, long attemptNanos, long pushNanos) {
    Counter.builder("shopset.gitpusher.commits")
        .description("Commits pushed to a system branch")
        .tag("branch", branch)
        .register(registry)
        .increment();
    Timer.builder("shopset.gitpusher.commit.duration")
        .description("From taking a batch (fetch) to its push acknowledged")
        .tag("branch", branch)
        .serviceLevelObjectives(SECONDS)
        .register(registry)
        .record(attemptNanos, TimeUnit.NANOSECONDS);
    Timer.builder("shopset.gitpusher.push.duration")
        .description("The push of one commit alone")
        .tag("branch", branch)
        .serviceLevelObjectives(SECONDS)
        .register(registry)
        .record(pushNanos, TimeUnit.NANOSECONDS);
    DistributionSummary.builder("shopset.gitpusher.commit.files")
        .description("Files one commit changed")
        .tag("branch", branch)
        .serviceLevelObjectives(COUNTS)
        .register(registry)
        .record(files);
    DistributionSummary.builder("shopset.gitpusher.commit.shopsets")
        .description("ShopSets one commit carried (renders and removals)")
        .tag("branch", branch)
        .serviceLevelObjectives(COUNTS)
        .register(registry)
        .record(shopSets);
    if (pins > 0) {
      pinBumps(branch).increment(pins);
    }
  }

  @Override
  public void rejected(String branch) {
    rejections(branch).increment();
  }

  @Override
  public void failed(String branch, FailureReason reason) {
    failures(branch, reason).increment();
  }

  @Override
  public void pinsRefused(String branch, int count) {
    Counter.builder("shopset.gitpusher.pins.refused")
        .description("Pin requests refused because they would move a pin backwards")
        .tag("branch", branch)
        .register(registry)
        .increment(count);
  }

  @Override
  public void promoted(String outcome, String reason, long nanos) {
    promotions(outcome, reason).increment();
    promotionDuration().record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void deadLettered(String topic, String reason) {
    Counter.builder("shopset.dead.letters")
        .description("Records sent to a dead-letter topic, by the topic they came from and why")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void queue(String branch, IntSupplier depth) {
    // Registered once per branch name: the supplier sums over this instance's writers.
    Gauge.builder("shopset.gitpusher.queue.depth", depth::getAsInt)
        .description("Work (renders, pin requests) waiting for a system branch's writer")
        .tag("branch", branch)
        .register(registry);
    rejections(branch);
    pinBumps(branch);
    Counter.builder("shopset.gitpusher.pins.refused")
        .description("Pin requests refused because they would move a pin backwards")
        .tag("branch", branch)
        .register(registry);
    for (FailureReason reason : FailureReason.values()) {
      failures(branch, reason);
    }
  }

  private Counter rejections(String branch) {
    return Counter.builder("shopset.gitpusher.push.rejections")
        .description("Pushes rejected because the branch moved (the batch is applied again)")
        .tag("branch", branch)
        .register(registry);
  }

  private Counter pinBumps(String branch) {
    return Counter.builder("shopset.gitpusher.pin.bumps")
        .description("Submodule pins (base/, config/...) moved by a commit")
        .tag("branch", branch)
        .register(registry);
  }

  private Counter failures(String branch, FailureReason reason) {
    return Counter.builder("shopset.gitpusher.commit.failures")
        .description("Failed attempts at a whole batch of a system branch, by reason")
        .tag("branch", branch)
        .tag("reason", reason.name())
        .register(registry);
  }

  private Counter promotions(String outcome, String reason) {
    return Counter.builder("shopset.gitpusher.promotions")
        .description("Promotions and rollbacks carried out, by outcome and failure reason")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }

  private Timer promotionDuration() {
    return Timer.builder("shopset.gitpusher.promotion.duration")
        .description("From a promotion request taken to its result published")
        .serviceLevelObjectives(SECONDS)
        .register(registry);
  }
}
