package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A request the in-memory API refuses, answered as the {@code Status} a real API server sends. */
public final class ApiError extends RuntimeException {

  /**
   * One field-level reason of a 422 Invalid, e.g. (FieldValueRequired, spec.tier, Required value).
   */
  public record Cause(String reason, String field, String message) {}

  private final int code;
  private final String reason;
  private final String kind;
  private final String group;
  private final String name;
  private final List<Cause> causes;

  ApiError(
      int code,
      String reason,
      String message,
      String group,
      String kind,
      String name,
      List<Cause> causes) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.group = group;
    this.kind = kind;
    this.name = name;
    this.causes = List.copyOf(causes);
  }

  static ApiError notFound(ResourceType type, String name) {
    return new ApiError(
        404,
        "NotFound",
        "%s \"%s\" not found".formatted(type.groupResource(), name),
        type.group(),
        type.plural(),
        name,
        List.of());
  }

  /** What a real server says for a path it serves nothing at (an unknown kind, a bad path). */
  static ApiError noSuchPath() {
    return new ApiError(
        404,
        "NotFound",
        "the server could not find the requested resource",
        null,
        null,
        null,
        List.of());
  }

  static ApiError alreadyExists(ResourceType type, String name) {
    return new ApiError(
        409,
        "AlreadyExists",
        "%s \"%s\" already exists".formatted(type.groupResource(), name),
        type.group(),
        type.plural(),
        name,
        List.of());
  }

  static ApiError conflict(ResourceType type, String name) {
    return new ApiError(
        409,
        "Conflict",
        ("Operation cannot be fulfilled on %s \"%s\": the object has been modified; please apply"
                + " your changes to the latest version and try again")
            .formatted(type.groupResource(), name),
        type.group(),
        type.plural(),
        name,
        List.of());
  }

  static ApiError invalid(ResourceType type, String name, List<Cause> causes) {
    String details =
        causes.size() == 1
            ? describe(causes.get(0))
            : causes.stream()
                .map(ApiError::describe)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    return new ApiError(
        422,
        "Invalid",
        "%s \"%s\" is invalid: %s"
            .formatted(
                type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group(),
                name,
                details),
        type.group(),
        type.kind(),
        name,
        causes);
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, null, null, null, List.of());
  }

  static ApiError methodNotAllowed(String message) {
    return new ApiError(405, "MethodNotAllowed", message, null, null, null, List.of());
  }

  static ApiError unsupportedMediaType(String contentType, List<String> accepted) {
    return new ApiError(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + String.join(", ", accepted),
        null,
        null,
        null,
        List.of());
  }

  /** A watch from a resource version older than the kept history: the client must list again. */
  static ApiError expired(long asked, long oldest) {
    return new ApiError(
        410,
        "Expired",
        "too old resource version: %d (%d)".formatted(asked, oldest),
        null,
        null,
        null,
        List.of());
  }

  private static String describe(Cause cause) {
    return cause.field() + ": " + cause.message();
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<Cause> causes() {
    return causes;
  }

  /** The {@code Status} object of this error. */
  ObjectNode status() {
    ObjectNode status = Json.object();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    ObjectNode details = status.putObject("details");
    if (name != null) {
      details.put("name", name);
    }
    if (group != null) {
      details.put("group", group);
    }
    if (kind != null) {
      details.put("kind", kind);
    }
    if (!causes.isEmpty()) {
      ArrayNode list = details.putArray("causes");
      for (Cause cause : causes) {
        list.addObject()
            .put("reason", cause.reason())
            .put("message", cause.message())
            .put("field", cause.field());
      }
    }
    status.put("code", code);
    return status;
  }
}
