package dev.shopset.local;

import dev.shopset.contracts.resources.Labels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;

/**
 * Plays the Deployment controller where none runs (the in-memory API): creates a ShopSet-managed
 * Deployment and moves its status through a rolling update, one step at a time, the way the
 * controller would report it. The watcher turns those steps into rollout events.
 */
public final class RolloutSimulator {

  /** Annotation the Deployment controller keeps the current ReplicaSet revision in. */
  public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

  /** Annotation the watcher remembers a reported rollout in (written once it has seen one). */
  public static final String WATCHER_MEMORY_ANNOTATION = "shopset.dev/rollout";

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient client;

  public RolloutSimulator(KubernetesClient client) {
    this.client = client;
  }

  /** A Deployment, as the renderer labels them, that one ShopSet of one tier manages. */
  public record Target(
      String namespace,
      String name,
      String shopSet,
      String tier,
      String slackChannel,
      int replicas) {}

  /**
   * Creates {@code target} at revision 1 running {@code image}, fully available, and waits until
   * the watcher has seen it (its memory annotation appears), so a later change is a rollout.
   */
  public void deploy(Target target, String image) {
    var metadata =
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace(target.namespace())
            .withName(target.name())
            .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
            .addToLabels(Labels.SHOPSET, target.shopSet())
            .addToLabels(Labels.TIER, target.tier())
            .addToAnnotations(REVISION_ANNOTATION, "1");
    if (target.slackChannel() != null) {
      metadata.addToAnnotations(Labels.SLACK_CHANNEL, target.slackChannel());
    }
    Deployment deployment =
        metadata
            .endMetadata()
            .withNewSpec()
            .withReplicas(target.replicas())
            .withNewSelector()
            .addToMatchLabels("app", target.name())
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", target.name())
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .withStatus(counts(1L, target.replicas(), target.replicas(), target.replicas()))
            .build();
    client.resource(deployment).create();
    Waits.until(
        "the watcher to see Deployment " + target.namespace() + "/" + target.name(),
        STEP_TIMEOUT,
        () -> annotations(target).containsKey(WATCHER_MEMORY_ANNOTATION));
  }

  /**
   * Rolls {@code target} out to {@code image} as revision {@code revision}: the template changes,
   * then updated replicas come up one by one ({@code step} apart, as a controller would report
   * them) until the Deployment is complete and available.
   */
  public void rollOut(Target target, long revision, String image, Duration step) {
    String memoryBefore = annotations(target).get(WATCHER_MEMORY_ANNOTATION);
    retryOnConflict(() ->
        deployment(target)
            .edit(d ->
                new DeploymentBuilder(d)
                    .editMetadata()
                    .addToAnnotations(REVISION_ANNOTATION, Long.toString(revision))
                    .endMetadata()
                    .editSpec()
                    .editTemplate()
                    .editSpec()
                    .editFirstContainer()
                    .withImage(image)
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build()));
    Waits.until(
        "the watcher to report revision " + revision + " started",
        STEP_TIMEOUT,
        () ->
            !java.util.Objects.equals(
                annotations(target).get(WATCHER_MEMORY_ANNOTATION), memoryBefore));
    long generation = deployment(target).get().getMetadata().getGeneration();
    int replicas = target.replicas();
    for (int updated = 1; updated <= replicas; updated++) {
      Waits.pause(step);
      boolean last = updated == replicas;
      // maxSurge 1, maxUnavailable 0: one extra pod while updating, all available throughout.
      setStatus(target, counts(generation, last ? replicas : replicas + 1, updated, replicas));
    }
  }

  private static DeploymentStatus counts(long generation, int total, int updated, int available) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(generation)
        .withReplicas(total)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(available)
        .withAvailableReplicas(available)
        .build();
  }

  private void setStatus(Target target, DeploymentStatus status) {
    retryOnConflict(() ->
        deployment(target)
            .editStatus(d -> {
              d.setStatus(status);
              return d;
            }));
  }

  private io.fabric8.kubernetes.client.dsl.RollableScalableResource<Deployment> deployment(
      Target target) {
    return client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
  }

  private Map<String, String> annotations(Target target) {
    Deployment current = deployment(target).get();
    return current == null || current.getMetadata().getAnnotations() == null
        ? Map.of()
        : current.getMetadata().getAnnotations();
  }

  /** The watcher writes its annotation concurrently: an optimistic-lock conflict is retried. */
  private static void retryOnConflict(Runnable write) {
    Waits.until(
        "a write without conflict",
        STEP_TIMEOUT,
        () -> {
          try {
            write.run();
            return true;
          } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
              return false;
            }
            throw e;
          }
        });
  }
}
