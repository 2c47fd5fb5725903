package dev.shopset.watcher.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.tracing.Traced;
import dev.shopset.watcher.WatcherConfig;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.domain.DeploymentObservation;
import dev.shopset.watcher.domain.RolloutMemory;
import dev.shopset.watcher.domain.RolloutTracker;
import dev.shopset.watcher.kafka.EventPublisher;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reports rollouts of ShopSet-managed Deployments on {@code shopset.rollouts}. What was reported of
 * the current rollout is persisted in the Deployment's {@value #MEMORY_ANNOTATION} annotation, so a
 * restarted watcher neither repeats a started nor a final event.
 */
@ApplicationScoped
public class RolloutService {

  /** Annotation holding the rollout memory (JSON). */
  public static final String MEMORY_ANNOTATION = "shopset.dev/rollout";

  static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
  private static final Logger LOG = Logger.getLogger(RolloutService.class);

  private final KubernetesClient client;
  private final Informers informers;
  private final EventPublisher publisher;
  private final WatcherMetrics metrics;
  private final RolloutTracker tracker;
  private final Tracer tracer;

  public RolloutService(
      KubernetesClient client,
      Informers informers,
      EventPublisher publisher,
      WatcherMetrics metrics,
      WatcherConfig config,
      Tracer tracer) {
    this.tracer = tracer;
    this.client = client;
    this.informers = informers;
    this.publisher = publisher;
    this.metrics = metrics;
    this.tracker = new RolloutTracker(config.rollouts().progressInterval());
  }

  void reconcile(String key, Instant seenAt) {
    Deployment deployment = informers.deployments().get(key);
    if (deployment == null) {
      tracker.forget(key);
      return;
    }
    RolloutMemory persisted = persisted(deployment);
    var step = tracker.observe(observe(deployment), persisted, Instant.now());
    try {
      // Each rollout event starts a trace the notifier continues up to its Slack calls.
      for (RolloutEvent event : step.events()) {
        try (Traced observed = observed(event, seenAt)) {
          observed.eventId(publisher.publish(event).id());
        }
      }
    } catch (RuntimeException e) {
      // Start over from what the Deployment says on the retry.
      tracker.forget(key);
      throw e;
    }
    if (!step.events().isEmpty()) {
      metrics.changeToEvent("deployment", Duration.between(seenAt, Instant.now()));
    }
    if (!RolloutTracker.same(persisted, step.memory())) {
      // On failure the in-memory state stays (its events are out); the retry persists it.
      persist(deployment, step.memory());
    }
  }

  private Traced observed(RolloutEvent event, Instant seenAt) {
    var rollout = event.rollout();
    return Traced.span(tracer, "shopset.rollouts publish")
        .kind(SpanKind.PRODUCER)
        .parent(null)
        .startedAt(seenAt)
        .shopSet(rollout.namespace(), rollout.shopSet())
        .attribute("k8s.namespace.name", rollout.namespace())
        .attribute("k8s.deployment.name", rollout.deployment())
        .attribute("shopset.rollout.id", rollout.id())
        .attribute("cloudevents.event_type", event.getClass().getSimpleName())
        .attribute("messaging.system", "kafka")
        .attribute("messaging.destination.name", Topics.ROLLOUTS)
        .start();
  }

  void forgetAll() {
    tracker.forgetAll();
  }

  private void persist(Deployment deployment, RolloutMemory memory) {
    String json;
    try {
      json = EventCodec.json().writeValueAsString(memory);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rollout memory is always serializable", e);
    }
    var patch =
        EventCodec.json()
            .createObjectNode()
            .set(
                "metadata",
                EventCodec.json()
                    .createObjectNode()
                    .set(
                        "annotations",
                        EventCodec.json().createObjectNode().put(MEMORY_ANNOTATION, json)));
    // A merge patch without resourceVersion: it cannot conflict with the controller's writes.
    client
        .apps()
        .deployments()
        .inNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  static RolloutMemory persisted(Deployment deployment) {
    String json = annotations(deployment).get(MEMORY_ANNOTATION);
    if (json == null) {
      return null;
    }
    try {
      return EventCodec.json().readValue(json, RolloutMemory.class);
    } catch (JsonProcessingException e) {
      LOG.warnf(
          "Ignoring unreadable %s on %s: %s",
          MEMORY_ANNOTATION, Informers.key(deployment), e.getOriginalMessage());
      return null;
    }
  }

  /** The parts of a Deployment rollout tracking looks at. */
  static DeploymentObservation observe(Deployment d) {
    var meta = d.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    DeploymentStatus status = Optional.ofNullable(d.getStatus()).orElseGet(DeploymentStatus::new);
    int desired =
        d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    var counts =
        new ReplicaCounts(
            desired,
            zero(status.getUpdatedReplicas()),
            zero(status.getReadyReplicas()),
            zero(status.getAvailableReplicas()),
            zero(status.getUnavailableReplicas()));
    TreeMap<String, String> images = new TreeMap<>();
    if (d.getSpec() != null
        && d.getSpec().getTemplate() != null
        && d.getSpec().getTemplate().getSpec() != null) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        images.put(c.getName(), c.getImage() == null ? "" : c.getImage());
      }
    }
    long generation = meta.getGeneration() == null ? 0 : meta.getGeneration();
    String revision = annotations(d).get(REVISION_ANNOTATION);
    DeploymentCondition stalled =
        status.getConditions() == null
            ? null
            : status.getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                .findFirst()
                .orElse(null);
    return new DeploymentObservation(
        meta.getNamespace(),
        meta.getName(),
        labels.get(Labels.SHOPSET),
        labels.get(Labels.TIER),
        annotations(d).get(Labels.SLACK_CHANNEL),
        generation,
        status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
        revision == null ? generation : parse(revision, generation),
        images,
        counts,
        zero(status.getReplicas()),
        stalled == null ? null : Optional.ofNullable(stalled.getReason()).orElse("Stalled"),
        stalled == null ? null : stalled.getMessage());
  }

  private static Map<String, String> annotations(Deployment d) {
    return d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
  }

  private static long parse(String value, long fallback) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
