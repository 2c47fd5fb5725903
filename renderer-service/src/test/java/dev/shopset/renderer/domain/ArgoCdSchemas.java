package dev.shopset.renderer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.shopset.contracts.resources.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Argo CD's own CRD schemas ({@code /work/shared/argocd}, see its README), made strict as {@code
 * kubectl apply --validate=strict} is: an object schema that lists its properties and neither
 * declares {@code additionalProperties} nor preserves unknown fields gets {@code
 * additionalProperties: false}; {@code metadata} (which a CRD schema leaves open, because the API
 * server checks it) gets the ObjectMeta fields the renderer may write, with Kubernetes' name rules.
 */
final class ArgoCdSchemas {

  /**
   * Where the CRDs are: {@code shared/argocd} beside the checkout or a directory above it, or
   * {@code -Dargocd.crds=<directory>}.
   */
  static final Path DIRECTORY = directory();

  static final JsonSchema APPLICATION = load("application-crd.yaml", "Application");
  static final JsonSchema APP_PROJECT = load("appproject-crd.yaml", "AppProject");

  private ArgoCdSchemas() {}

  /** Every problem of {@code yaml} against the schema of its kind; empty when it is valid. */
  static List<String> problems(String yaml) {
    try {
      JsonNode document = Golden.YAML.readTree(yaml);
      JsonSchema schema =
          switch (document.path("kind").asText()) {
            case "Application" -> APPLICATION;
            case "AppProject" -> APP_PROJECT;
            default -> throw new IllegalArgumentException("Not an Argo CD kind: " + yaml);
          };
      return schema.validate(document).stream().map(Object::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    String configured = System.getProperty("argocd.crds");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/argocd");
      if (Files.isRegularFile(candidate.resolve("application-crd.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Argo CD's CRDs (shared/argocd/application-crd.yaml) are not in a directory above "
            + Path.of("").toAbsolutePath()
            + "; set -Dargocd.crds=<directory holding them>");
  }

  private static JsonSchema load(String file, String kind) {
    try {
      JsonNode crd = Golden.YAML.readTree(DIRECTORY.resolve(file).toFile());
      ObjectNode schema = (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
      strict(schema);
      ObjectNode properties = (ObjectNode) schema.get("properties");
      properties.set("metadata", metadata());
      properties.set("apiVersion", constant("argoproj.io/v1alpha1"));
      properties.set("kind", constant(kind));
      ArrayNode required = schema.putArray("required");
      List.of("apiVersion", "kind", "metadata", "spec").forEach(required::add);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds {@code additionalProperties: false} wherever the schema is structural and closed. */
  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode object) {
      boolean closed =
          object.has("properties")
              && !object.has("additionalProperties")
              && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (closed) {
        object.put("additionalProperties", false);
      }
      object.properties().forEach(e -> strict(e.getValue()));
    } else if (node instanceof ArrayNode array) {
      array.forEach(ArgoCdSchemas::strict);
    }
  }

  private static ObjectNode constant(String value) {
    ObjectNode node = Golden.YAML.createObjectNode().put("type", "string");
    node.putArray("enum").add(value);
    return node;
  }

  private static ObjectNode metadata() {
    ObjectNode meta = Golden.YAML.createObjectNode().put("type", "object");
    meta.put("additionalProperties", false);
    meta.putArray("required").add("name").add("namespace");
    ObjectNode properties = meta.putObject("properties");
    properties
        .putObject("name")
        .put("type", "string")
        .put("maxLength", 253)
        .put("pattern", Names.DNS1123_SUBDOMAIN);
    properties
        .putObject("namespace")
        .put("type", "string")
        .put("maxLength", 63)
        .put("pattern", Names.DNS1123_LABEL);
    ObjectNode labels = properties.putObject("labels").put("type", "object");
    labels
        .putObject("additionalProperties")
        .put("type", "string")
        .put("maxLength", 63)
        .put("pattern", "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    properties
        .putObject("annotations")
        .put("type", "object")
        .putObject("additionalProperties")
        .put("type", "string");
    properties
        .putObject("finalizers")
        .put("type", "array")
        .putObject("items")
        .put("type", "string");
    return meta;
  }
}
