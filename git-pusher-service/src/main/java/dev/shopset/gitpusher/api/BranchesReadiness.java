package dev.shopset.gitpusher.api;

import dev.shopset.gitpusher.app.BranchHealth;
import dev.shopset.gitpusher.app.Committers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names the system branches this instance cannot write now (credentials refused, host
 * down for a while), with the reason. Liveness has no such check: a failing branch is retried,
 * never a reason to restart.
 */
@Readiness
@ApplicationScoped
public class BranchesReadiness implements HealthCheck {

  private final Committers committers;

  public BranchesReadiness(Committers committers) {
    this.committers = committers;
  }

  @Override
  public HealthCheckResponse call() {
    Map<String, BranchHealth.Problem> problems = committers.health().problems();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("git-pusher system branches").status(problems.isEmpty());
    problems.forEach((branch, p) ->
        response.withData(branch, p.reason() + " since " + p.since() + ": " + p.message()));
    return response.build();
  }
}
