package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  private static final JsonNode SHOPSET =
      Json.parseYaml(
          """
          spec: {tier: dev, shops: [a, b]}
          status:
            conditions:
            - {type: Valid, status: "True"}
            - {type: Committed, status: "False"}
          """);

  @Test
  void readsFieldsIndexesWildcardsAndFilters() {
    assertThat(text(".spec.tier")).isEqualTo("dev");
    assertThat(text(".spec.shops[1]")).isEqualTo("b");
    assertThat(JsonPaths.find(SHOPSET, ".spec.shops[*]")).hasSize(2);
    assertThat(text(".status.conditions[?(@.type==\"Committed\")].status")).isEqualTo("False");
    assertThat(text("{.status.conditions[?(@.type=='Valid')].status}")).isEqualTo("True");
    assertThat(JsonPaths.find(SHOPSET, ".status.lastCommit.sha")).isEmpty();
  }

  @Test
  void agesReadAsKubectlPrintsThem() {
    assertThat(Tables.age(Instant.now().minusSeconds(45).toString())).isEqualTo("45s");
    assertThat(Tables.age(Instant.now().minusSeconds(200).toString())).isEqualTo("3m20s");
    assertThat(Tables.age(Instant.now().minusSeconds(3 * 3600).toString())).isEqualTo("3h");
    assertThat(Tables.age(Instant.now().minusSeconds(3 * 86400).toString())).isEqualTo("3d");
  }

  private static String text(String path) {
    return JsonPaths.find(SHOPSET, path).get(0).asText();
  }
}
