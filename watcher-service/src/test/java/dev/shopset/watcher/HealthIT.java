package dev.shopset.watcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.watcher.it.ShopSetApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ShopSetApi.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class HealthIT {

  @Test
  void readyWithKafkaUpAndInformersSynced() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"))
                .body("checks.name", hasItem("Kubernetes informers synced")));
  }

  @Test
  void liveAndExposesPrometheusMetrics() {
    given().when().get("/q/health/live").then().statusCode(200);
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_"))
        .body(containsString("shopset_watcher_informer_store_size"));
  }
}
