package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.ReplicaCounts;
import java.util.SortedMap;

/**
 * One look at a Deployment, reduced to what rollout tracking needs.
 *
 * @param revision the {@code deployment.kubernetes.io/revision} annotation (generation if absent)
 * @param images container name to image of the pod template
 * @param replicas desired, updated, ready, available and unavailable counts
 * @param totalReplicas pods of every revision ({@code status.replicas})
 * @param failureReason the Progressing=False condition's reason, e.g. ProgressDeadlineExceeded
 */
public record DeploymentObservation(
    String namespace,
    String deployment,
    String shopSet,
    String tier,
    String slackChannel,
    long generation,
    long observedGeneration,
    long revision,
    SortedMap<String, String> images,
    ReplicaCounts replicas,
    int totalReplicas,
    String failureReason,
    String failureMessage) {

  /** {@code namespace/deployment}. */
  public String key() {
    return Keys.object(namespace, deployment);
  }

  /** The controller has seen the current spec and every pod runs it and is available. */
  public boolean complete() {
    int desired = replicas.desired();
    return observedGeneration >= generation
        && replicas.updated() >= desired
        && replicas.available() >= desired
        && totalReplicas <= desired
        && replicas.unavailable() == 0;
  }

  /** The Deployment controller gave up (Progressing=False). */
  public boolean failed() {
    return failureReason != null;
  }
}
