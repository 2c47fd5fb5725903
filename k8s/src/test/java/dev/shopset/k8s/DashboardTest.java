package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard of k8s/monitoring: one row per service, each with rate, errors, duration
 * and consumer lag, and every query naming only metrics the README's metrics table documents (which
 * system-tests MetricsIT scrapes from the running services).
 */
class DashboardTest {

  private static final Path DASHBOARD = Path.of("monitoring/dashboards/shopset.json");
  private static final List<String> SERVICES =
      List.of("watcher-service", "renderer-service", "git-pusher-service", "notifier-service");

  @Test
  void everyQueryUsesOnlyDocumentedMetrics() throws IOException {
    Set<String> published = MetricsTable.allSeries();
    List<String> exprs = new ArrayList<>();
    JsonNode dashboard = dashboard();
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
    dashboard.at("/templating/list").findValues("query").stream()
        .filter(JsonNode::isObject)
        .forEach(q -> exprs.add(q.get("query").asText()));
    assertThat(exprs).hasSizeGreaterThan(20);
    for (String expr : exprs) {
      Set<String> used = PromQl.metricNames(labelValuesMetric(expr));
      assertThat(used).as(expr).isNotEmpty();
      assertThat(published).as(expr).containsAll(used);
    }
  }

  @Test
  void oneRowPerServiceWithRateErrorsDurationAndLag() throws IOException {
    List<String> rows = new ArrayList<>();
    List<List<JsonNode>> panelsByRow = new ArrayList<>();
    for (JsonNode panel : dashboard().get("panels")) {
      if (panel.get("type").asText().equals("row")) {
        rows.add(panel.get("title").asText());
        panelsByRow.add(new ArrayList<>());
      } else {
        assertThat(panelsByRow).as("a panel before the first row").isNotEmpty();
        panelsByRow.getLast().add(panel);
      }
    }
    assertThat(rows).containsExactlyElementsOf(SERVICES);
    for (int i = 0; i < rows.size(); i++) {
      List<String> titles = panelsByRow.get(i).stream().map(p -> p.get("title").asText()).toList();
      String exprs = panelsByRow.get(i).toString();
      assertThat(titles).as(rows.get(i)).anyMatch(t -> t.startsWith("Rate"));
      assertThat(titles).as(rows.get(i)).anyMatch(t -> t.startsWith("Errors"));
      assertThat(titles).as(rows.get(i)).anyMatch(t -> t.startsWith("Duration"));
      assertThat(exprs)
          .as(rows.get(i) + " shows its consumer lag")
          .contains(
              "kafka_consumer_fetch_manager_records_lag{namespace=~\\\"$namespace\\\",topic=~\\\"shopset[.].+\\\",job=\\\""
                  + rows.get(i));
    }
  }

  @Test
  void panelsQueryTheChosenPrometheusAndNamespace() throws IOException {
    for (JsonNode target : dashboard().findValues("targets")) {
      for (JsonNode t : target) {
        assertThat(t.at("/datasource/uid").asText()).isEqualTo("${datasource}");
        assertThat(t.get("expr").asText()).contains("namespace=~\"$namespace\"");
      }
    }
  }

  /** {@code label_values(metric, label)} names its metric; other queries are PromQL. */
  private static String labelValuesMetric(String query) {
    return query.startsWith("label_values(")
        ? query.substring("label_values(".length(), query.indexOf(','))
        : query;
  }

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(DASHBOARD.toFile());
  }
}
