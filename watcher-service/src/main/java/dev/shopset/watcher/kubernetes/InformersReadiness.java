package dev.shopset.watcher.kubernetes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every informer has listed its resources and the reconcile worker runs. */
@Readiness
@ApplicationScoped
public class InformersReadiness implements HealthCheck {

  private final WatcherLoop loop;

  public InformersReadiness(WatcherLoop loop) {
    this.loop = loop;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("Kubernetes informers synced").status(loop.ready()).build();
  }
}
