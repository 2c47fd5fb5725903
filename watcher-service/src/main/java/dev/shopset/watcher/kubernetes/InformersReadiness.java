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
  private final Informers informers;

  public InformersReadiness(WatcherLoop loop, Informers informers) {
    this.loop = loop;
    this.informers = informers;
  }

  /** Ready once every informer has listed and is watching, and the worker reconciles. */
  @Override
  public HealthCheckResponse call() {
    boolean watching = informers.watching();
    return HealthCheckResponse.named("Kubernetes informers synced")
        .status(loop.ready() && watching)
        .withData("watching", watching)
        .withData("leader", loop.leading())
        .build();
  }
}
