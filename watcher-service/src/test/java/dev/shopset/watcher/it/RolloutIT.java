package dev.shopset.watcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import dev.shopset.contracts.resources.Labels;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.TopicTail;
import dev.shopset.watcher.WatcherMetrics;
import dev.shopset.watcher.kubernetes.RolloutService;
import dev.shopset.watcher.kubernetes.WatcherLoop;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted Deployment status sequences (no controller runs in the mock API server, so the test
 * plays the Deployment controller) become rollout events on the real broker.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ShopSetApi.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RolloutIT {

  private static final String NS = "rollouts";

  @Inject KubernetesClient client;
  @Inject WatcherLoop loop;
  @Inject WatcherMetrics metrics;
  private TopicTail rollouts;

  @BeforeEach
  void setUp() {
    await().atMost(Duration.ofSeconds(30)).until(loop::ready);
    rollouts = new TopicTail(Topics.ROLLOUTS);
  }

  @AfterEach
  void tearDown() {
    rollouts.close();
  }

  private List<RolloutEvent> events(String deployment) {
    return rollouts.read((NS + "/" + deployment)::equals).stream()
        .map(e -> (RolloutEvent) e.event().data())
        .toList();
  }

  private List<String> types(String deployment) {
    return events(deployment).stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  private void awaitTypes(String deployment, String... expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(types(deployment)).containsExactly(expected));
  }

  /** A steady Deployment at revision 1 that the watcher has seen (its memory is persisted). */
  private void steady(String name, String image) {
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withNamespace(NS)
                .withName(name)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                .addToLabels(Labels.SHOPSET, "eu-1")
                .addToLabels(Labels.TIER, "gold")
                .addToAnnotations(Labels.SLACK_CHANNEL, "#shop-eu-1")
                .addToAnnotations("deployment.kubernetes.io/revision", "1")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withStatus(
                    new DeploymentStatusBuilder()
                        .withObservedGeneration(1L)
                        .withReplicas(3)
                        .withUpdatedReplicas(3)
                        .withReadyReplicas(3)
                        .withAvailableReplicas(3)
                        .build())
                .build())
        .create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> annotations(name).containsKey(RolloutService.MEMORY_ANNOTATION));
  }

  private Map<String, String> annotations(String name) {
    Deployment d = client.apps().deployments().inNamespace(NS).withName(name).get();
    return d.getMetadata().getAnnotations();
  }

  /** What the Deployment controller does on a template change: a new ReplicaSet revision. */
  private void newRevision(String name, long revision, String image) {
    retryOnConflict(() ->
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName(name)
            .edit(d ->
                new DeploymentBuilder(d)
                    .editMetadata()
                    .addToAnnotations("deployment.kubernetes.io/revision", "" + revision)
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
  }

  /** The watcher writes its annotation concurrently: an optimistic-lock conflict is retried. */
  private static void retryOnConflict(Runnable write) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> {
          write.run();
          return true;
        });
  }

  private void status(String name, long observedGeneration, int total, int updated, int available) {
    setStatus(
        name,
        new DeploymentStatusBuilder()
            .withObservedGeneration(observedGeneration)
            .withReplicas(total)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(available)
            .withAvailableReplicas(available)
            .withUnavailableReplicas(Math.max(0, 3 - available))
            .build());
  }

  private void setStatus(String name, DeploymentStatus status) {
    retryOnConflict(() ->
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName(name)
            .editStatus(d -> {
              d.setStatus(status);
              return d;
            }));
  }

  private long generation(String name) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(name)
        .get()
        .getMetadata()
        .getGeneration();
  }

  @Test
  void startedProgressingAndSucceededInOrder() {
    steady("web", "shop:1");
    assertThat(events("web")).as("a steady Deployment is no rollout").isEmpty();

    newRevision("web", 2, "shop:2");
    awaitTypes("web", "RolloutStarted");
    long generation = generation("web");
    status("web", generation, 4, 1, 3);
    awaitTypes("web", "RolloutStarted", "RolloutProgressing");
    status("web", generation, 4, 2, 3);
    awaitTypes("web", "RolloutStarted", "RolloutProgressing", "RolloutProgressing");
    status("web", generation, 3, 3, 3);
    awaitTypes(
        "web", "RolloutStarted", "RolloutProgressing", "RolloutProgressing", "RolloutSucceeded");

    var started = (RolloutStarted) events("web").get(0);
    assertThat(started.rollout().revision()).isEqualTo(2);
    assertThat(started.rollout().shopSet()).isEqualTo("eu-1");
    assertThat(started.rollout().tier()).isEqualTo("gold");
    assertThat(started.rollout().slackChannel()).isEqualTo("#shop-eu-1");
    assertThat(started.rollout().imagesBefore()).containsEntry("app", "shop:1");
    assertThat(started.rollout().imagesAfter()).containsEntry("app", "shop:2");
    var succeeded = (RolloutSucceeded) events("web").get(3);
    assertThat(succeeded.rollout()).isEqualTo(started.rollout());
    assertThat(succeeded.replicas().available()).isEqualTo(3);
    assertThat(succeeded.durationMs()).isNotNegative();

    // A restarted watcher reads the persisted memory: no second started or final event.
    loop.restart();
    status("web", generation, 3, 3, 3);
    // Barrier: the restarted watcher has reconciled (resyncs every second in tests) and everything
    // it published has been read.
    double reconciles = metrics.reconciles();
    await().atMost(Duration.ofSeconds(60)).until(() -> metrics.reconciles() >= reconciles + 10);
    rollouts.awaitCaughtUp(Duration.ofSeconds(30));
    assertThat(events("web")).hasSize(4);
  }

  @Test
  void progressDeadlineExceededFails() {
    steady("stuck", "shop:1");

    newRevision("stuck", 2, "shop:broken");
    awaitTypes("stuck", "RolloutStarted");
    setStatus(
        "stuck",
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation("stuck"))
            .withReplicas(4)
            .withUpdatedReplicas(1)
            .withAvailableReplicas(3)
            .withUnavailableReplicas(1)
            .withConditions(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"stuck-2\" has timed out progressing.")
                    .build())
            .build());

    awaitTypes("stuck", "RolloutStarted", "RolloutFailed");
    var failed = (RolloutFailed) events("stuck").get(1);
    assertThat(failed.reason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(failed.message()).contains("timed out");
    assertThat(failed.rollout().revision()).isEqualTo(2);
  }

  @Test
  void goingBackToThePreviousTemplateIsRolledBack() {
    steady("back", "shop:1");

    newRevision("back", 2, "shop:2");
    awaitTypes("back", "RolloutStarted");
    newRevision("back", 3, "shop:1");

    awaitTypes("back", "RolloutStarted", "RolloutRolledBack");
    var rolledBack = (RolloutRolledBack) events("back").get(1);
    assertThat(rolledBack.rollout().revision()).isEqualTo(2);
    assertThat(rolledBack.toRevision()).isEqualTo(3);
  }

  @Test
  void aRestartInTheMiddleOfARolloutNeitherRepeatsNorLosesIt() {
    steady("mid", "shop:1");
    newRevision("mid", 2, "shop:2");
    awaitTypes("mid", "RolloutStarted");

    loop.restart();
    status("mid", generation("mid"), 3, 3, 3);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(types("mid")).contains("RolloutSucceeded"));
    assertThat(types("mid")).containsOnlyOnce("RolloutStarted").endsWith("RolloutSucceeded");
    assertThat(((RolloutSucceeded) events("mid").get(events("mid").size() - 1)).rollout())
        .isEqualTo(events("mid").get(0).rollout());
  }
}
