package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.local.kubernetes.ApiError.Cause;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What an API server does to an object before storing it: identity and timestamps on create, {@code
 * metadata.generation} counting spec changes, status kept apart from the main resource (and the
 * main resource from status writes) when the kind has a status subresource, the namespace label,
 * schema defaults, pruning and validation of custom resources, and the status of a
 * CustomResourceDefinition (the controllers' part: Established at once).
 */
final class ObjectRules {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";
  private static final String ALPHANUMERIC = "bcdfghjklmnpqrstvwxz2456789";

  private ObjectRules() {}

  /** What a write makes of an object: the object to store and the warnings to send back. */
  record Prepared(ObjectNode object, List<String> warnings) {}

  /**
   * The object {@code candidate} becomes when written over {@code current} (null on create), at
   * {@code subresource} ("" or "status").
   */
  static Prepared prepare(
      ResourceType type,
      String namespace,
      ObjectNode current,
      ObjectNode candidate,
      String subresource,
      WriteOptions options) {
    ObjectNode object;
    if (subresource.equals("status")) {
      // A status write changes the status and nothing else.
      object = current.deepCopy();
      JsonNode status = candidate.get("status");
      if (status == null) {
        object.remove("status");
      } else {
        object.set("status", status.deepCopy());
      }
      JsonNode asked = candidate.at("/metadata/resourceVersion");
      if (!asked.asText("").isEmpty()) {
        Json.with(object, "metadata").put("resourceVersion", asked.asText());
      }
    } else {
      object = ordered(type, candidate);
    }
    ObjectNode metadata = Json.with(object, "metadata");
    if (type.namespaced()) {
      metadata.put("namespace", namespace);
    } else {
      metadata.remove("namespace");
    }
    if (current == null) {
      created(type, object, metadata);
    } else if (!subresource.equals("status")) {
      updated(type, current, object, metadata);
    }
    if (type.kind().equals("Namespace") && type.group().isEmpty()) {
      Json.with(metadata, "labels").put(NAMESPACE_LABEL, metadata.path("name").asText());
      if (!object.path("status").has("phase")) {
        Json.with(object, "status").put("phase", "Active");
      }
    }
    List<String> warnings = new ArrayList<>();
    List<Cause> errors = new ArrayList<>(nameErrors(type, metadata));
    if (type.custom() && options.schemaValidation()) {
      var result = SchemaValidator.validate(object, type.schema());
      errors.addAll(result.errors());
      if (!result.unknownFields().isEmpty() && !options.ignoreUnknown()) {
        if (options.strict()) {
          throw ApiError.badRequest(
              "%s in version \"%s\" cannot be handled as a %s: strict decoding error: %s"
                  .formatted(
                      type.kind(),
                      type.version(),
                      type.kind(),
                      String.join(
                          ", ",
                          result.unknownFields().stream()
                              .map(f -> "unknown field \"" + f + "\"")
                              .toList())));
        }
        result.unknownFields().forEach(f -> warnings.add("unknown field \"" + f + "\""));
      }
    }
    if (isCrd(type)) {
      List<Cause> crdErrors = CustomResourceDefinitions.errors(object);
      errors.addAll(crdErrors);
      if (crdErrors.isEmpty()) {
        CustomResourceDefinitions.establish(object);
      }
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(type, metadata.path("name").asText(), errors);
    }
    return new Prepared(object, warnings);
  }

  static boolean isCrd(ResourceType type) {
    return type.group().equals("apiextensions.k8s.io")
        && type.plural().equals("customresourcedefinitions");
  }

  /** Whether a write changed nothing that a real server would store (no new resource version). */
  static boolean unchanged(ObjectNode current, ObjectNode next) {
    ObjectNode a = current.deepCopy();
    ObjectNode b = next.deepCopy();
    for (ObjectNode o : List.of(a, b)) {
      ObjectNode metadata = Json.with(o, "metadata");
      metadata.remove("resourceVersion");
      for (JsonNode entry : metadata.path("managedFields")) {
        if (entry instanceof ObjectNode e) {
          e.remove("time");
        }
      }
    }
    return a.equals(b);
  }

  /** apiVersion, kind and metadata first, as a real server writes them. */
  private static ObjectNode ordered(ResourceType type, ObjectNode candidate) {
    ObjectNode object = Json.object();
    object.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    JsonNode metadata = candidate.get("metadata");
    object.set("metadata", metadata instanceof ObjectNode m ? m.deepCopy() : Json.object());
    candidate
        .properties()
        .forEach(f -> {
          if (!object.has(f.getKey())) {
            object.set(f.getKey(), f.getValue().deepCopy());
          }
        });
    return object;
  }

  private static void created(ResourceType type, ObjectNode object, ObjectNode metadata) {
    if (metadata.path("name").asText("").isEmpty() && metadata.has("generateName")) {
      StringBuilder name = new StringBuilder(metadata.get("generateName").asText());
      for (int i = 0; i < 5; i++) {
        name.append(
            ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
      }
      metadata.put("name", name.toString());
    }
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", now());
    metadata.remove("deletionTimestamp");
    metadata.remove("deletionGracePeriodSeconds");
    metadata.remove("resourceVersion");
    if (type.generation()) {
      metadata.put("generation", 1);
    } else {
      metadata.remove("generation");
    }
    if (type.custom() && type.statusSubresource()) {
      object.remove("status"); // a custom resource's status is written through /status only
    }
  }

  private static void updated(
      ResourceType type, ObjectNode current, ObjectNode object, ObjectNode metadata) {
    JsonNode was = current.path("metadata");
    for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "generation")) {
      if (was.has(kept)) {
        metadata.set(kept, was.get(kept).deepCopy());
      } else {
        metadata.remove(kept);
      }
    }
    if (type.statusSubresource()) {
      if (current.has("status")) {
        object.set("status", current.get("status").deepCopy());
      } else {
        object.remove("status");
      }
    }
    if (type.generation() && !spec(current).equals(spec(object))) {
      metadata.put("generation", was.path("generation").asLong(0) + 1);
    }
  }

  /** Everything but metadata and status: what {@code metadata.generation} counts changes of. */
  private static ObjectNode spec(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove(List.of("metadata", "status", "apiVersion", "kind"));
    return copy;
  }

  private static List<Cause> nameErrors(ResourceType type, ObjectNode metadata) {
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      return List.of(
          new Cause(
              "FieldValueRequired",
              "metadata.name",
              "Required value: name or generateName is required"));
    }
    boolean label = type.kind().equals("Namespace") && type.group().isEmpty();
    Pattern rule = label ? DNS_LABEL : DNS_SUBDOMAIN;
    int max = label ? 63 : 253;
    if (name.length() > max || !rule.matcher(name).matches()) {
      return List.of(
          new Cause(
              "FieldValueInvalid",
              "metadata.name",
              ("Invalid value: \"%s\": a lowercase RFC 1123 %s must consist of lower case"
                      + " alphanumeric characters, '-' or '.', and must start and end with an"
                      + " alphanumeric character (at most %d characters)")
                  .formatted(name, label ? "label" : "subdomain", max)));
    }
    return List.of();
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
