package dev.shopset.gitpusher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shopset.gitpusher.testing.GitHostTestResource;
import dev.shopset.kafka.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GitHostTestResource.class)
class HealthIT {

  @Test
  void readyWithKafkaUp() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Kafka connection health check"));
  }

  @Test
  void liveAndExposesPrometheusMetrics() {
    given().when().get("/q/health/live").then().statusCode(200);
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("jvm_"));
  }
}
