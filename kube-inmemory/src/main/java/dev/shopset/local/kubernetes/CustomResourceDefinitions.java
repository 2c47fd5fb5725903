package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.local.kubernetes.ApiError.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The checks a real server makes on a CustomResourceDefinition, and the status it gives it. */
final class CustomResourceDefinitions {

  private CustomResourceDefinitions() {}

  static List<Cause> errors(ObjectNode crd) {
    List<Cause> errors = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    String plural = spec.at("/names/plural").asText("");
    String kind = spec.at("/names/kind").asText("");
    if (group.isEmpty()) {
      errors.add(new Cause("FieldValueRequired", "spec.group", "Required value"));
    }
    if (plural.isEmpty()) {
      errors.add(new Cause("FieldValueRequired", "spec.names.plural", "Required value"));
    }
    if (kind.isEmpty()) {
      errors.add(new Cause("FieldValueRequired", "spec.names.kind", "Required value"));
    }
    String name = crd.at("/metadata/name").asText("");
    if (!group.isEmpty() && !plural.isEmpty() && !name.equals(plural + "." + group)) {
      errors.add(
          new Cause(
              "FieldValueInvalid",
              "metadata.name",
              "Invalid value: \"%s\": must be spec.names.plural+\".\"+spec.group".formatted(name)));
    }
    String scope = spec.path("scope").asText("");
    if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      errors.add(
          new Cause(
              "FieldValueNotSupported",
              "spec.scope",
              "Unsupported value: \"%s\": supported values: \"Cluster\", \"Namespaced\""
                  .formatted(scope)));
    }
    if (!spec.path("versions").isArray() || spec.path("versions").isEmpty()) {
      errors.add(
          new Cause(
              "FieldValueRequired",
              "spec.versions",
              "Required value: must have exactly one version marked as storage version"));
    }
    return errors;
  }

  /** Accepted names, Established and the stored version, as the CRD controllers set at once. */
  static void establish(ObjectNode crd) {
    JsonNode before = crd.path("status").path("conditions");
    ObjectNode status = Json.object();
    ObjectNode names = crd.at("/spec/names").deepCopy();
    if (!names.has("singular")) {
      names.put("singular", names.path("kind").asText().toLowerCase(Locale.ROOT));
    }
    if (!names.has("listKind")) {
      names.put("listKind", names.path("kind").asText() + "List");
    }
    status.set("acceptedNames", names);
    if (before.isArray() && before.size() == 2) {
      status.set("conditions", before.deepCopy()); // established already: unchanged
    } else {
      conditions(status.putArray("conditions"));
    }
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode version : crd.at("/spec/versions")) {
      if (version.path("storage").asBoolean(false)) {
        stored.add(version.path("name").asText());
      }
    }
    crd.set("status", status);
  }

  private static void conditions(ArrayNode conditions) {
    String now = ObjectRules.now();
    for (String type : List.of("NamesAccepted", "Established")) {
      conditions
          .addObject()
          .put("type", type)
          .put("status", "True")
          .put("lastTransitionTime", now)
          .put("reason", type.equals("Established") ? "InitialNamesAccepted" : "NoConflicts")
          .put(
              "message",
              type.equals("Established")
                  ? "the initial names have been accepted"
                  : "no conflicts found");
    }
  }
}
