package dev.shopset.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the rollout → message mapping has been read from its topic. */
@Readiness
@ApplicationScoped
public class MessagesLoadedCheck implements HealthCheck {

  private final NotifierRuntime runtime;

  public MessagesLoadedCheck(NotifierRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("Slack message mapping loaded")
        .status(runtime.store().isLoaded())
        .withData("messages", runtime.store().size())
        .withData("mode", runtime.mode())
        .build();
  }
}
