package dev.shopset.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a Slack channel has been held back (Slack down, or a long Retry-After) for over
 * {@code notifier.limits.held-back-after}: readiness names the channels and how long. Liveness
 * stays UP: a restart would not make Slack answer sooner, and the records wait, un-acked,
 * meanwhile.
 */
@Readiness
@ApplicationScoped
public class SlackChannelsCheck implements HealthCheck {

  private final NotifierRuntime runtime;
  private final Duration limit;

  public SlackChannelsCheck(NotifierRuntime runtime, NotifierConfig config) {
    this.runtime = runtime;
    this.limit = config.limits().heldBackAfter();
  }

  @Override
  public HealthCheckResponse call() {
    var held = runtime.lanes().heldBack(Instant.now(), limit);
    var response = HealthCheckResponse.named("Slack channels flowing").status(held.isEmpty());
    held.forEach((channel, waited) -> response.withData(channel, waited.toSeconds() + " s"));
    return response.build();
  }
}
