package dev.shopset.gitpusher.api;

import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.config.GitPusherConfig;
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
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/git}: push webhooks of GitHub, GitLab and Gitea to {@code shopset.sources}.
 */
@Path("/webhooks/git")
public class WebhookResource {

  private static final Logger LOG = Logger.getLogger(WebhookResource.class);

  private final WebhookVerifier verifier;
  private final SourceEvents publisher;

  public WebhookResource(GitPusherConfig config, SourceEvents publisher) {
    this.verifier = new WebhookVerifier(config.webhook().secret());
    this.publisher = publisher;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response push(
      byte[] body,
      @HeaderParam("X-Hub-Signature-256") String github,
      @HeaderParam("X-Gitea-Signature") String gitea,
      @HeaderParam("X-Gitlab-Token") String gitlab) {
    if (!verifier.verify(body == null ? new byte[0] : body, github, gitea, gitlab)) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .entity(Map.of("error", "signature or token does not match"))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
    Optional<SourceChanged> change;
    try {
      change = PushPayload.parse(body);
    } catch (IllegalArgumentException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Map.of("error", e.getMessage()))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
    change.ifPresent(c -> {
      publisher.sourceChanged(c);
      LOG.infof("Webhook: %s#%s is now at %s, published", c.repository(), c.branch(), c.head());
    });
    return Response.accepted(Map.of("published", change.isPresent()))
        .type(MediaType.APPLICATION_JSON)
        .build();
  }
}
