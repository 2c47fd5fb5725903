package dev.shopset.renderer.api;

import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.renderer.domain.InvalidDesiredStateException;
import dev.shopset.renderer.domain.ShopSetRenderer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /render}: a dry run. Takes a ShopSet, its Tier and its Configuration (JSON or YAML)
 * and returns the render result the pipeline would publish, files included; 400 names the field.
 */
@Path("/render")
public class RenderResource {

  private final ShopSetRenderer renderer;

  public RenderResource(ShopSetRenderer renderer) {
    this.renderer = renderer;
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
  public RenderResult render(String body, @HeaderParam("Content-Type") String contentType) {
    boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
    ShopSetDesired desired = PreviewRequests.parse(body, yaml);
    return renderer.render(desired);
  }

  @ServerExceptionMapper
  public Response invalidRequest(PreviewException e) {
    return badRequest(e.field(), e.getMessage());
  }

  @ServerExceptionMapper
  public Response invalidDesiredState(InvalidDesiredStateException e) {
    String field = PreviewRequests.requestField(e.field());
    return badRequest(field, field + e.getMessage().substring(e.field().length()));
  }

  private static Response badRequest(String field, String message) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("field", field, "message", message))
        .build();
  }
}
