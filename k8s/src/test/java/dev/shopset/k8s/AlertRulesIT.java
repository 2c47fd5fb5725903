package dev.shopset.k8s;

import static dev.shopset.k8s.ClusterManifestsIT.kustomize;
import static dev.shopset.k8s.ClusterManifestsIT.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule of k8s/monitoring: {@code promtool check rules} accepts it, {@code promtool
 * test rules} passes with tests/alerts-test.yaml, which makes every alert fire and clear; every
 * alert's runbook is a README section; every metric it uses is in the README's metrics table.
 * promtool comes from Debian's prometheus package ({@code bin/require-tools test} installs it).
 */
class AlertRulesIT {

  private static final Path MONITORING = Path.of("monitoring").toAbsolutePath();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String RUNBOOKS = "https://github.com/shopset/shopset/blob/main/README.md#";

  @Test
  void promtoolChecksTheRulesAndTheirUnitTestsMakeEveryAlertFireAndClear(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(rule().get("spec")));
    Files.copy(MONITORING.resolve("tests/alerts-test.yaml"), dir.resolve("alerts-test.yaml"));

    Result check = promtool(dir, "check", "rules", "rules.yaml");
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + alerts().size() + " rules found");
    Result test = promtool(dir, "test", "rules", "alerts-test.yaml");
    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAUnitTestThatFiresItAndALaterOneThatClearsIt() throws IOException {
    JsonNode tests = YAML.readTree(MONITORING.resolve("tests/alerts-test.yaml").toFile());
    for (JsonNode alert : alerts()) {
      String name = alert.get("alert").asText();
      List<Long> firing = new ArrayList<>();
      List<Long> quiet = new ArrayList<>();
      for (JsonNode test : tests.get("tests")) {
        for (JsonNode check : test.get("alert_rule_test")) {
          if (check.get("alertname").asText().equals(name)) {
            long at = minutes(check.get("eval_time").asText());
            (check.get("exp_alerts").isEmpty() ? quiet : firing).add(at);
          }
        }
      }
      assertThat(firing).as("%s fires in a test", name).isNotEmpty();
      assertThat(quiet.stream().anyMatch(q -> firing.stream().anyMatch(f -> q > f)))
          .as("%s clears after firing in a test", name)
          .isTrue();
    }
  }

  @Test
  void everyAlertHasSeverityASummaryAndARunbookSectionInTheReadme() throws IOException {
    Set<String> anchors = readmeAnchors();
    for (JsonNode alert : alerts()) {
      String name = alert.get("alert").asText();
      assertThat(alert.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
      assertThat(alert.at("/annotations/summary").asText()).as(name).isNotBlank();
      String runbook = alert.at("/annotations/runbook_url").asText();
      assertThat(runbook).as(name).startsWith(RUNBOOKS);
      String anchor = runbook.substring(RUNBOOKS.length());
      assertThat(anchor).isEqualTo("runbook-" + name.toLowerCase(Locale.ROOT));
      assertThat(anchors).as("README heading for %s", runbook).contains(anchor);
    }
  }

  @Test
  void everyMetricTheRulesUseIsInTheReadmeMetricsTable() throws IOException {
    Set<String> published = MetricsTable.allSeries();
    assertThat(published).isNotEmpty();
    for (JsonNode alert : alerts()) {
      Set<String> used = PromQl.metricNames(alert.get("expr").asText());
      assertThat(used).as(alert.get("alert").asText()).isNotEmpty();
      assertThat(published).as(alert.get("alert").asText()).containsAll(used);
    }
  }

  @Test
  void theMonitoringKustomizationBuildsTheRuleAndTheDashboardConfigMap() throws Exception {
    List<JsonNode> objects = kustomize(MONITORING);
    JsonNode rule = ofKind(objects, "PrometheusRule").getFirst();
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    JsonNode dashboard = ofKind(objects, "ConfigMap").getFirst();
    assertThat(dashboard.at("/metadata/name").asText()).isEqualTo("shopset-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(dashboard.at("/data").fieldNames()).toIterable().containsExactly("shopset.json");
  }

  static JsonNode rule() throws IOException {
    return YAML.readTree(MONITORING.resolve("prometheusrule.yaml").toFile());
  }

  static List<JsonNode> alerts() throws IOException {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode group : rule().at("/spec/groups")) {
      group.get("rules").forEach(alerts::add);
    }
    return alerts;
  }

  /** GitHub's anchors of the README's headings. */
  static Set<String> readmeAnchors() throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(MetricsTable.README)) {
      if (line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        anchors.add(title.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static long minutes(String duration) {
    Matcher m = Pattern.compile("(\\d+)([smh])").matcher(duration);
    assertThat(m.matches()).as(duration).isTrue();
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> n / 60;
      case "h" -> n * 60;
      default -> n;
    };
  }

  record Result(int exit, String output) {}

  private static Result promtool(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "promtool is missing: run 'bin/require-tools test' (installs Debian's prometheus package)",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
