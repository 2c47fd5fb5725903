package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Names and paths that could escape the ShopSet's directory or break the YAML are refused. */
class HostileInputTest {

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("/namespace", "../etc", "namespace"),
        Arguments.of("/namespace", "Shops", "namespace"),
        Arguments.of("/name", "a/b", "name"),
        Arguments.of("/name", "..", "name"),
        Arguments.of("/name", "x".repeat(64), "name"),
        Arguments.of("/name", "web\n", "name"),
        // Begins every object name, and a Service name may not start with a digit.
        Arguments.of("/name", "1web", "name"),
        Arguments.of("/spec/shops/1", "Bad_Shop", "spec.shops[1]"),
        Arguments.of("/spec/shops/1", "berlin", "spec.shops[1]"),
        Arguments.of("/spec/tier", "prod", "spec.tier"),
        Arguments.of("/spec/configuration", "other", "spec.configuration"),
        Arguments.of("/spec/replicas", -1, "spec.replicas"),
        Arguments.of("/spec/replicas", 1001, "spec.replicas"),
        Arguments.of("/tier/name", "Dev", "tier.name"),
        Arguments.of("/tier/branch", "../main", "tier.branch"),
        Arguments.of("/tier/branch", "-f", "tier.branch"),
        Arguments.of("/tier/branch", "dev\nevil: true", "tier.branch"),
        Arguments.of("/tier/appRepository/path", "../../../etc", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/path", "/etc/passwd", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/path", "deploy/../../x", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/path", "deploy//x", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/path", "deploy\\x", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/path", "./deploy", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/path", "a b", "tier.appRepository.path"),
        Arguments.of("/tier/appRepository/url", "javascript:alert(1)", "tier.appRepository.url"),
        Arguments.of(
            "/tier/systemRepository/url",
            "https://git.example.com/x\nkind: Secret",
            "tier.systemRepository.url"),
        Arguments.of("/configuration/name", "../x", "configuration.name"),
        Arguments.of("/configuration/repository/path", "..", "configuration.repository.path"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("hostile")
  void refusesNamingTheField(String pointer, Object value, String field) {
    ObjectNode data = minimal();
    set(data, pointer, value);
    if (pointer.equals("/configuration/name")) {
      set(data, "/spec/configuration", value);
    }
    ShopSetDesired desired = toDesired(data);
    assertThatThrownBy(() -> Golden.RENDERER.render(desired))
        .isInstanceOf(InvalidDesiredStateException.class)
        .satisfies(e -> assertThat(((InvalidDesiredStateException) e).field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": ");
  }

  @Test
  void refusesHostileOverrides() {
    assertField("/spec/env", node("[{\"name\":\"A-B\",\"value\":\"x\"}]"), "spec.env[0].name");
    assertField(
        "/spec/env",
        node("[{\"name\":\"SHOPSET_MAINTENANCE\",\"value\":\"false\"}]"),
        "spec.env[0].name");
    assertField(
        "/spec/env",
        node("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"A\",\"value\":\"2\"}]"),
        "spec.env[1].name");
    assertField(
        "/spec/resources",
        node("{\"requests\":{\"cpu\":\"lots\"}}"),
        "spec.resources.requests.cpu");
    assertField(
        "/spec/failureDomain", node("{\"zones\":[\"a b\"]}"), "spec.failureDomain.zones[0]");
    assertField(
        "/spec/failureDomain", node("{\"cluster\":\"Not/AName\"}"), "spec.failureDomain.cluster");
    assertField(
        "/spec/failureDomain",
        node("{\"cluster\":\"eu-cluster-1\"}"),
        "spec.failureDomain.cluster"); // not among tier.clusters: the AppProject would refuse it
    assertField("/tier/clusters", node("[\"a\", \"a\"]"), "tier.clusters[1]");
    assertField(
        "/annotations",
        node("{\"shopset.dev/slack-channel\":\"#a\\nkind: Secret\"}"),
        "annotations[shopset.dev/slack-channel]");
  }

  @Test
  void refusesHostileDeletions() {
    assertThatThrownBy(() ->
            Golden.RENDERER.remove(
                new ShopSetDeleted("shops", "../../etc", "https://git.example.com/s.git", "dev")))
        .isInstanceOf(InvalidDesiredStateException.class)
        .hasMessageStartingWith("name: ");
    assertThatThrownBy(() ->
            Golden.RENDERER.remove(
                new ShopSetDeleted("shops", "web", "https://git.example.com/s.git", "a/../b")))
        .isInstanceOf(InvalidDesiredStateException.class)
        .hasMessageStartingWith("branch: ");
  }

  @Test
  void theMinimalSampleItselfRenders() {
    assertThat(Golden.RENDERER.render(toDesired(minimal())).files()).isNotEmpty();
  }

  private static void assertField(String pointer, JsonNode value, String field) {
    ObjectNode data = minimal();
    set(data, pointer, value);
    ShopSetDesired desired = toDesired(data);
    assertThatThrownBy(() -> Golden.RENDERER.render(desired))
        .isInstanceOf(InvalidDesiredStateException.class)
        .hasMessageStartingWith(field + ": ");
  }

  static ObjectNode minimal() {
    try {
      JsonNode node =
          Golden.YAML.readTree(Golden.ROOT.resolve("minimal").resolve("input.yaml").toFile());
      return (ObjectNode) node.get("data").deepCopy();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ShopSetDesired toDesired(JsonNode data) {
    return Golden.YAML.convertValue(data, ShopSetDesired.class);
  }

  private static JsonNode node(String json) {
    try {
      return Golden.YAML.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void set(ObjectNode root, String pointer, Object value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    JsonNode json = value instanceof JsonNode n ? n : Golden.YAML.valueToTree(value);
    if (parent.isArray()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), json);
    } else {
      ((ObjectNode) parent).set(last, json);
    }
  }
}
