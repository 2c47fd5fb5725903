package dev.shopset.gitpusher.api;

import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.config.GitPusherConfig;
import dev.shopset.gitpusher.domain.CommitIds;
import dev.shopset.gitpusher.domain.DeliveryLog;
import dev.shopset.gitpusher.domain.SourceEvents;
import dev.shopset.gitpusher.domain.WebhookVerifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/git}: push webhooks of GitHub, GitLab and Gitea to {@code shopset.sources}.
 * Refused: a bad signature (401), a delivery id seen before (409: a replay), a payload that names
 * no branch push or whose {@code after} is no SHA-1 commit id (400).
 */
@Path("/webhooks/git")
public class WebhookResource {

  private static final Logger LOG = Logger.getLogger(WebhookResource.class);

  private final WebhookVerifier verifier;
  private final SourceEvents publisher;
  private final DeliveryLog deliveries;

  public WebhookResource(GitPusherConfig config, SourceEvents publisher) {
    this.verifier = new WebhookVerifier(config.webhook().secret());
    this.publisher = publisher;
    this.deliveries = new DeliveryLog(config.webhook().deliveries());
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response push(
      byte[] body,
      @HeaderParam("X-Hub-Signature-256") String github,
      @HeaderParam("X-Gitea-Signature") String gitea,
      @HeaderParam("X-Gitlab-Token") String gitlab,
      @HeaderParam("X-GitHub-Delivery") String githubDelivery,
      @HeaderParam("X-Gitea-Delivery") String giteaDelivery,
      @HeaderParam("X-Gitlab-Event-UUID") String gitlabDelivery) {
    if (!verifier.verify(body == null ? new byte[0] : body, github, gitea, gitlab)) {
      return error(Response.Status.UNAUTHORIZED, "signature or token does not match");
    }
    Optional<String> delivery =
        Stream.of(githubDelivery, giteaDelivery, gitlabDelivery)
            .filter(d -> d != null && !d.isBlank())
            .findFirst();
    if (delivery.isPresent() && !deliveries.firstTime(delivery.get())) {
      return error(Response.Status.CONFLICT, "delivery " + delivery.get() + " was received before");
    }
    Optional<SourceChanged> change;
    try {
      change = PushPayload.parse(body);
    } catch (IllegalArgumentException e) {
      return error(Response.Status.BAD_REQUEST, e.getMessage());
    }
    if (change.isPresent()) {
      String problem = CommitIds.problem("after", change.get().head());
      if (problem != null) {
        return error(Response.Status.BAD_REQUEST, problem);
      }
      SourceChanged c = change.get();
      publisher.sourceChanged(c);
      LOG.infof("Webhook: %s#%s is now at %s, published", c.repository(), c.branch(), c.head());
    }
    return Response.accepted(Map.of("published", change.isPresent()))
        .type(MediaType.APPLICATION_JSON)
        .build();
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status)
        .entity(Map.of("error", message))
        .type(MediaType.APPLICATION_JSON)
        .build();
  }
}
