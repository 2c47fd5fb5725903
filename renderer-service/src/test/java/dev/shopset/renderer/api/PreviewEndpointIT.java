package dev.shopset.renderer.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.shopset.kafka.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /render} with the examples' resources, in YAML and JSON, with bad input, and with
 * resources the platform's rules refuse (refused as the watcher would refuse them).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PreviewEndpointIT {

  private static final String SHOPSET =
      """
      {"apiVersion": "shopset.dev/v1alpha1", "kind": "ShopSet",
       "metadata": {"name": "eu-web", "namespace": "shops-eu",
                    "annotations": {"shopset.dev/slack-channel": "#shops-eu", "other": "x"}},
       "spec": {"tier": "dev", "configuration": "shop-defaults", "shops": ["berlin", "rome"],
                "replicas": %s, "maintenance": true}}
      """;
  private static final String TIER =
      """
      {"apiVersion": "shopset.dev/v1alpha1", "kind": "Tier", "metadata": {"name": "dev"},
       "spec": {"rank": 0, "appRepository": {"url": "https://git.example.com/shop/app.git",
                                             "path": "%s"},
                "systemRepository": {"url": "https://git.example.com/platform/system.git"},
                "namespaceSelector": {"matchLabels": {"shopset.dev/tenant": "true"}}}}
      """;
  private static final String CONFIGURATION =
      """
      {"apiVersion": "shopset.dev/v1alpha1", "kind": "Configuration",
       "metadata": {"name": "shop-defaults", "namespace": "shops-eu"},
       "spec": {"repository": {"url": "%s"}}}
      """;
  private static final String NAMESPACE =
      """
      {"apiVersion": "v1", "kind": "Namespace",
       "metadata": {"name": "shops-eu", "labels": {"shopset.dev/tenant": "true"}}}
      """;
  private static final String CONFIG_URL = "https://git.example.com/shop/config.git";

  @Test
  void rendersTheExampleResourcesPostedAsMultiDocumentYaml() throws Exception {
    String body = Files.readString(Path.of("../examples/preview/eu-small.yaml"));
    Map<String, String> files =
        given()
            .contentType("application/yaml")
            .body(body.getBytes(StandardCharsets.UTF_8))
            .post("/render")
            .then()
            .statusCode(200)
            .body("namespace", equalTo("shops-eu"))
            .body("name", equalTo("eu-small"))
            .body("branch", equalTo("dev"))
            .body("submodules[0].path", equalTo("base"))
            .body("submodules[1].path", equalTo("config/shops-eu/shop-defaults"))
            .body("shared.'apps/project.yaml'", startsWith("# Rendered by ShopSet for Tier dev."))
            .extract()
            .jsonPath()
            .getMap("files");
    assertThat(files.get("shopsets/shops-eu/eu-small/kustomization.yaml"))
        .contains("SHOPSET_SHOPS=berlin,hamburg,vienna");
    assertThat(files.get("shopsets/shops-eu/eu-small/slack-channel.yaml")).contains("#shops-eu");
  }

  @Test
  void twoShopSetsInOneRequestAreA400() throws Exception {
    String body = Files.readString(Path.of("../examples/resources/shopsets.yaml"));
    given()
        .contentType("application/yaml")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/render")
        .then()
        .statusCode(400)
        .body("field", equalTo("kind"));
  }

  @Test
  void rendersAJsonRequestWithEveryFile() {
    Map<String, String> files =
        given()
            .contentType(ContentType.JSON)
            .body(wrapper("3", "deploy/shop"))
            .post("/render")
            .then()
            .statusCode(200)
            .body("directory", equalTo("shopsets/shops-eu/eu-web"))
            .body("applicationFile", equalTo("apps/shops-eu/eu-web.yaml"))
            .extract()
            .jsonPath()
            .getMap("files");
    assertThat(files)
        .containsOnlyKeys(
            "apps/shops-eu/eu-web.yaml",
            "shopsets/shops-eu/eu-web/kustomization.yaml",
            "shopsets/shops-eu/eu-web/overrides.yaml",
            "shopsets/shops-eu/eu-web/replicas.yaml",
            "shopsets/shops-eu/eu-web/autoscaling.yaml",
            "shopsets/shops-eu/eu-web/maintenance.yaml",
            "shopsets/shops-eu/eu-web/slack-channel.yaml");
    assertThat(files.get("shopsets/shops-eu/eu-web/kustomization.yaml"))
        .contains("- ../../../base/deploy/shop\n")
        .contains("SHOPSET_SHOPS=berlin,rome");
    assertThat(files.get("shopsets/shops-eu/eu-web/replicas.yaml")).contains("value: 3");
  }

  @Test
  void aWrongTypeIsA400NamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body(wrapper("\"many\"", "deploy"))
        .post("/render")
        .then()
        .statusCode(400)
        .body("field", equalTo("shopSet.spec.replicas"));
  }

  @Test
  void aHostilePathIsA400NamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body(wrapper("1", "../../../etc"))
        .post("/render")
        .then()
        .statusCode(400)
        .body("reason", equalTo("InvalidDesiredState"))
        .body("field", equalTo("tier.spec.appRepository.path"))
        .body("message", startsWith("tier.spec.appRepository.path: "));
  }

  @Test
  void aMissingTierIsA400() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"shopSet\": "
                + SHOPSET.formatted("1")
                + ", \"configuration\": "
                + CONFIGURATION.formatted(CONFIG_URL)
                + "}")
        .post("/render")
        .then()
        .statusCode(400)
        .body("reason", equalTo("InvalidRequest"))
        .body("field", equalTo("tier"));
  }

  @Test
  void aRepositoryOutsideTheAllowedPrefixesIsRefusedAsTheWatcherWould() {
    given()
        .contentType(ContentType.JSON)
        .body(request("1", "deploy", "https://elsewhere.example.org/config.git", NAMESPACE))
        .post("/render")
        .then()
        .statusCode(400)
        .body("reason", equalTo("RepositoryNotAllowed"))
        .body("message", startsWith("Configuration 'shop-defaults' spec.repository.url: "));
    given()
        .contentType(ContentType.JSON)
        .body(request("1", "deploy", "file:///srv/git/config.git", NAMESPACE))
        .post("/render")
        .then()
        .statusCode(400)
        .body("reason", equalTo("RepositoryNotAllowed"));
  }

  @Test
  void aNamespaceTheTierDoesNotSelectIsRefusedAndSaysWhichLabelsWereKnown() {
    given()
        .contentType(ContentType.JSON)
        .body(request("1", "deploy", CONFIG_URL, null))
        .post("/render")
        .then()
        .statusCode(400)
        .body("reason", equalTo("NamespaceNotAllowed"))
        .body("message", org.hamcrest.Matchers.containsString("No Namespace was sent"));
    given()
        .contentType(ContentType.JSON)
        .body(
            request(
                "1",
                "deploy",
                CONFIG_URL,
                NAMESPACE.replace("\"shopset.dev/tenant\": \"true\"", "\"team\": \"x\"")))
        .post("/render")
        .then()
        .statusCode(400)
        .body("reason", equalTo("NamespaceNotAllowed"));
  }

  @Test
  void malformedYamlIsA400() {
    given()
        .contentType("application/yaml")
        .body("kind: ShopSet\nmetadata: [unclosed".getBytes(StandardCharsets.UTF_8))
        .post("/render")
        .then()
        .statusCode(400)
        .body("field", equalTo("body"));
  }

  private static String wrapper(String replicas, String appPath) {
    return request(replicas, appPath, CONFIG_URL, NAMESPACE);
  }

  private static String request(
      String replicas, String appPath, String configUrl, String namespace) {
    return "{\"shopSet\": "
        + SHOPSET.formatted(replicas)
        + ", \"tier\": "
        + TIER.formatted(appPath)
        + ", \"configuration\": "
        + CONFIGURATION.formatted(configUrl)
        + (namespace == null ? "" : ", \"namespace\": " + namespace)
        + "}";
  }
}
