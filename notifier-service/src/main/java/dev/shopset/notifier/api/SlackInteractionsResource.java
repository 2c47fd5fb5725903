package dev.shopset.notifier.api;

import dev.shopset.notifier.app.ClickHandling;
import dev.shopset.notifier.app.InteractionHandler;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code POST /slack/interactions}: the Slack app's Interactivity Request URL. Verifies the request
 * and hands the click to {@link InteractionHandler}, which publishes it to {@code
 * shopset.approvals}; answers Slack at once (it wants an answer within 3 s).
 */
@Path("/slack/interactions")
public class SlackInteractionsResource {

  private final ClickHandling clicks;

  public SlackInteractionsResource(ClickHandling clicks) {
    this.clicks = clicks;
  }

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  public Response interaction(
      @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
      @HeaderParam("X-Slack-Signature") String signature,
      byte[] body) {
    Optional<InteractionHandler> handler = clicks.enabled();
    if (handler.isEmpty()) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(
              "Slack interactivity is disabled: set notifier.interactions.signing-secret"
                  + " (SLACK_SIGNING_SECRET) to the Slack app's signing secret.")
          .build();
    }
    InteractionHandler.Answer answer = handler.get().handle(timestamp, signature, body);
    return Response.status(answer.status()).entity(answer.body()).build();
  }
}
