package dev.shopset.renderer.api;

import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.join.DesiredStateJoin;
import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.contracts.join.Tenancy;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.renderer.domain.InvalidDesiredStateException;
import dev.shopset.renderer.domain.Refusals;
import dev.shopset.renderer.domain.ShopSetRenderer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /render}: a dry run. Takes a ShopSet, its Tier and its Configuration (and optionally
 * its Namespace), joins them with {@link DesiredStateJoin} under the platform's repository policy
 * exactly as the watcher does, and returns the render result the pipeline would publish, files
 * included. 400 says why not: {@code reason} (the watcher's or the renderer's), {@code field} where
 * one is known, and {@code message}.
 */
@Path("/render")
public class RenderResource {

  /** Reason of a request that cannot be read (missing document, wrong type, bad YAML). */
  static final String INVALID_REQUEST = "InvalidRequest";

  private final ShopSetRenderer renderer;
  private final RepositoryPolicy repositories;

  public RenderResource(ShopSetRenderer renderer, RepositoryPolicy repositories) {
    this.renderer = renderer;
    this.repositories = repositories;
  }

  @POST
  @Consumes({
    MediaType.APPLICATION_JSON,
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    MediaType.TEXT_PLAIN
  })
  @Produces(MediaType.APPLICATION_JSON)
  public Response render(String body, @HeaderParam("Content-Type") String contentType) {
    boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
    PreviewRequests.Preview preview = PreviewRequests.parse(body, yaml);
    Tenancy tenancy = Tenancy.of(preview.namespace(), preview.labels(), repositories);
    return switch (DesiredStateJoin.join(
        preview.shopSet(), preview.tier(), preview.configuration(), tenancy)) {
      case DesiredStateJoin.Valid valid -> ok(renderer.render(valid.desired()));
      case DesiredStateJoin.Invalid invalid ->
          badRequest(
              invalid.reason(),
              null,
              preview.labels() == null && invalid.reason().equals(Conditions.NAMESPACE_NOT_ALLOWED)
                  ? invalid.message()
                      + " (No Namespace was sent with the preview, so its labels were taken to be"
                      + " only kubernetes.io/metadata.name.)"
                  : invalid.message());
    };
  }

  @ServerExceptionMapper
  public Response invalidRequest(PreviewException e) {
    return badRequest(INVALID_REQUEST, e.field(), e.getMessage());
  }

  @ServerExceptionMapper
  public Response invalidDesiredState(InvalidDesiredStateException e) {
    String field = PreviewRequests.requestField(e.field());
    return badRequest(
        Refusals.INVALID_DESIRED_STATE,
        field,
        field + e.getMessage().substring(e.field().length()));
  }

  private static Response ok(RenderResult result) {
    return Response.ok(result, MediaType.APPLICATION_JSON).build();
  }

  private static Response badRequest(String reason, String field, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reason", reason);
    if (field != null) {
      body.put("field", field);
    }
    body.put("message", message);
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(body)
        .build();
  }
}
