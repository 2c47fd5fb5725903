package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP answers of the in-memory API where no client library hides them. */
class InMemoryApiServerIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private InMemoryApiServer server;
  private String url;

  @BeforeEach
  void start() {
    server =
        InMemoryApiServer.start(
            0, List.of(Json.string(Crds.crd("shopsets")), Json.string(Crds.crd("tiers"))), 3, true);
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aWatchFromAVersionOlderThanTheHistoryGetsA410ErrorEvent() throws Exception {
    for (int i = 0; i < 5; i++) {
      send("POST", "/api/v1/namespaces/a/configmaps", "{\"metadata\":{\"name\":\"c" + i + "\"}}");
    }
    var watch =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        url + "/api/v1/namespaces/a/configmaps?watch=true&resourceVersion=1"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    try (var lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      String event = lines.readLine();
      assertThat(event).contains("\"type\":\"ERROR\"").contains("\"code\":410").contains("Expired");
      assertThat(lines.readLine()).as("the watch ends").isNull();
    }
  }

  @Test
  void anHttpWatchStreamsOneJsonLinePerChange() throws Exception {
    var watch =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/apis/shopset.dev/v1alpha1/tiers?watch=1"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    send(
        "POST",
        "/apis/shopset.dev/v1alpha1/tiers",
        "{\"metadata\":{\"name\":\"dev\"},\"spec\":{\"rank\":0,\"appRepository\":{\"url\":\"http://x/a.git\"},"
            + "\"systemRepository\":{\"url\":\"http://x/s.git\"}}}");
    send("DELETE", "/apis/shopset.dev/v1alpha1/tiers/dev", "");
    try (var lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine())
          .startsWith(
              "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"shopset.dev/v1alpha1\",\"kind\":\"Tier\"");
      assertThat(lines.readLine()).startsWith("{\"type\":\"DELETED\"");
    }
  }

  @Test
  void writesGoOnWhenAWatchingClientGoesAway() throws Exception {
    var watch =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/namespaces/a/configmaps?watch=true"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    watch.body().close();
    for (int i = 0; i < 50; i++) {
      var created =
          send(
              "POST",
              "/api/v1/namespaces/a/configmaps",
              "{\"metadata\":{\"name\":\"c" + i + "\"}}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }

  @Test
  void discoveryAndOpenApiDescribeWhatIsServed() throws Exception {
    assertThat(get("/apis/shopset.dev/v1alpha1"))
        .contains("\"name\":\"shopsets\"")
        .contains("\"name\":\"shopsets/status\"")
        .contains("\"shortNames\":[\"ss\"]");
    assertThat(get("/apis")).contains("\"name\":\"shopset.dev\"").contains("\"name\":\"apps\"");
    assertThat(get("/api/v1"))
        .contains("\"name\":\"namespaces\"")
        .contains("\"name\":\"configmaps\"");
    assertThat(get("/openapi/v3")).contains("\"apis/shopset.dev/v1alpha1\"");
    assertThat(get("/openapi/v3/apis/shopset.dev/v1alpha1"))
        .contains("\"dev.shopset.v1alpha1.ShopSet\"")
        .contains("\"name\":\"fieldValidation\"");
    assertThat(get("/openapi/v2"))
        .contains("\"swagger\":\"2.0\"")
        .contains("dev.shopset.v1alpha1.Tier");
    var aggregated =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/apis"))
                .header(
                    "Accept",
                    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(aggregated.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    assertThat(aggregated.body())
        .contains("\"resource\":\"shopsets\"")
        .contains("\"subresource\":\"status\"");
  }

  @Test
  void aPathServingNothingIsNotFound() throws Exception {
    var response = send("GET", "/apis/example.com/v1/widgets", "");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"kind\":\"Status\"").contains("\"reason\":\"NotFound\"");
  }

  private String get(String path) throws Exception {
    var response = send("GET", path, "");
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
