package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.watcher.domain.ApprovalActions;
import dev.shopset.watcher.kafka.EventPublisher;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes what an action from Slack asks for: a PromotionApproval on behalf of the Slack user (via
 * slack), or a Promotion requested by them; a refused one is published as a FAILED
 * PromotionApprovalState. The object's name derives from the interaction id, so a redelivered
 * action finds it there (409) and writes nothing.
 */
@ApplicationScoped
public class ApprovalActionService {

  private static final Logger LOG = Logger.getLogger(ApprovalActionService.class);

  /** Label of the objects written for Slack, with the Slack user id. */
  public static final String SLACK_USER_LABEL = "shopset.dev/slack-user";

  private final KubernetesClient client;
  private final Informers informers;
  private final EventPublisher publisher;

  public ApprovalActionService(
      KubernetesClient client, Informers informers, EventPublisher publisher) {
    this.client = client;
    this.informers = informers;
    this.publisher = publisher;
  }

  /** Carries out {@code action}; idempotent per interaction id. */
  public void carryOut(ApprovalActionRequested action) {
    var outcome = ApprovalActions.decide(action, informers.tiers()::get);
    if (outcome.refusal() != null) {
      LOG.infof(
          "Refused %s by %s: %s", action.action(), action.actor(), outcome.refusal().message());
      publisher.publish(outcome.refusal());
      return;
    }
    var metadata =
        new ObjectMetaBuilder()
            .withName(outcome.name())
            .withLabels(
                action.slackUser() == null
                    ? Map.of()
                    : Map.of(
                        SLACK_USER_LABEL, action.slackUser().replaceAll("[^A-Za-z0-9_.-]", "")))
            .build();
    try {
      if (outcome.approval() != null) {
        PromotionApproval approval = new PromotionApproval();
        approval.setMetadata(metadata);
        approval.setSpec(outcome.approval());
        client.resources(PromotionApproval.class).resource(approval).create();
      } else {
        Promotion promotion = new Promotion();
        promotion.setMetadata(metadata);
        promotion.setSpec(outcome.promotion());
        client.resources(Promotion.class).resource(promotion).create();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // Already written for this interaction: a redelivery.
    }
  }
}
