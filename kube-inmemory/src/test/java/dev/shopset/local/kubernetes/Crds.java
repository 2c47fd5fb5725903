package dev.shopset.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The committed ShopSet CRDs, as the in-memory API installs them. */
final class Crds {

  private Crds() {}

  static ObjectNode crd(String plural) {
    String file = "/dev/shopset/local/kubernetes/crds/" + plural + ".shopset.dev-v1.yml";
    try (InputStream in = Crds.class.getResourceAsStream(file)) {
      return (ObjectNode) Json.parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResourceType type(String plural) {
    return TypeRegistry.typesOf(crd(plural)).get(0);
  }

  static JsonNode schema(String plural) {
    return type(plural).schema();
  }
}
