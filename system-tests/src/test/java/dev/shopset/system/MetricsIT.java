package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.local.ServiceNode;
import dev.shopset.testkit.TopicTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's metrics table against the running processes: after a change, a base bump, a
 * promotion, a rollout and a few unreadable records, {@code /q/metrics} of the replicas of each
 * service publishes every metric the table lists for it, and the counts say what happened.
 */
@ExtendWith(StackExtension.class)
class MetricsIT {

  static final String NS = "metrics";
  static final String TIER = "metrics-0";
  static final Duration WAIT = Duration.ofSeconds(120);
  static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

  /** A README row: name, type, service column. */
  record Documented(String name, String type, String services) {}

  @Test
  void everyDocumentedMetricIsPublishedByTheServicesThatTheTableNames() throws Exception {
    Stack stack = StackExtension.stack();
    Resources api = new Resources(stack);
    api.tier(TIER, 0, "system", "metrics-1");
    api.tier("metrics-1", 1, "system", null);
    api.configuration(NS);
    SystemRepo system = new SystemRepo(stack, "system");

    // A ShopSet committed: renders, commits, pushes, status writes.
    ShopSet shopSet = api.apply(NS, "meters", Resources.spec(TIER, 1, "graz"));
    try (TopicTail commits = TopicTail.on(stack.bootstrapServers(), Topics.COMMITS)) {
      commits.awaitCommitted(shopSet, WAIT);
    }
    // New code on the app branch: a pin bump.
    String head = SystemIT.pushAppChange(stack, TIER, "value: info", "value: warn");
    await().atMost(WAIT).until(() -> head.equals(system.gitlink(TIER, "base")));
    // A promotion.
    api.promote("metrics-promotion", TIER);
    await()
        .atMost(WAIT)
        .until(() ->
            api.promotion("metrics-promotion")
                .map(p ->
                    p.getStatus() != null
                        && p.getStatus().phase() == PromotionStatus.Phase.Succeeded)
                .orElse(false));
    // A rollout: Slack calls.
    RolloutSimulator simulator = new RolloutSimulator(stack.client());
    var target = new RolloutSimulator.Target(NS, "meters-web", "meters", TIER, "#metrics", 1);
    simulator.deploy(target, "shop-web:1");
    simulator.rollOut(target, 2, "shop-web:2", Duration.ZERO);
    // One unreadable record on each topic a service dead-letters.
    try (KafkaProducer<String, byte[]> producer = producer(stack.bootstrapServers())) {
      for (String topic :
          List.of(Topics.DESIRED, Topics.RENDERS, Topics.COMMITS, Topics.ROLLOUTS)) {
        producer.send(
            new ProducerRecord<>(topic, "metrics/unreadable", "not a CloudEvent".getBytes()));
      }
      producer.flush();
    }

    List<Documented> documented = documented();
    assertThat(documented).hasSizeGreaterThan(25);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          Map<String, String> scraped = new LinkedHashMap<>();
          for (String service : Stack.SERVICES) {
            scraped.put(service, scrape(stack, service));
          }
          List<String> missing = new ArrayList<>();
          for (Documented metric : documented) {
            for (String service : services(metric)) {
              Pattern published = Pattern.compile("(?m)^" + Pattern.quote(series(metric)) + "[{ ]");
              if (!published.matcher(scraped.get(service)).find()) {
                missing.add(service + ": " + series(metric));
              }
            }
          }
          assertThat(missing).as("documented but not published").isEmpty();
          String watcher = scraped.get(Stack.WATCHER);
          assertThat(watcher)
              .containsPattern(
                  "(?m)^shopset_watcher_shopsets\\{[^}]*ready=\"True\",tier=\"metrics-0\"} [1-9]")
              .containsPattern("(?m)^shopset_watcher_status_writes_total\\{kind=\"shopset\"} [1-9]")
              .containsPattern("(?m)^shopset_watcher_leader [1]");
          assertThat(scraped.get(Stack.RENDERER))
              .containsPattern("(?m)^shopset_renderer_renders_total [1-9]");
          String pusher = scraped.get(Stack.PUSHER);
          assertThat(pusher)
              .containsPattern("(?m)^shopset_gitpusher_commits_total\\{branch=\"metrics-0\"} [1-9]")
              .containsPattern(
                  "(?m)^shopset_gitpusher_pin_bumps_total\\{branch=\"metrics-0\"} [1-9]")
              .containsPattern(
                  "(?m)^shopset_gitpusher_promotions_total\\{outcome=\"succeeded\",reason=\"\"} [1-9]");
          assertThat(scraped.get(Stack.NOTIFIER))
              .containsPattern(
                  "(?m)^shopset_notifier_slack_calls_total\\{method=\"post\",outcome=\"ok\"} [1-9]");
          for (var e :
              Map.of(
                      Stack.RENDERER, Topics.DESIRED,
                      Stack.PUSHER, Topics.RENDERS,
                      Stack.WATCHER, Topics.COMMITS,
                      Stack.NOTIFIER, Topics.ROLLOUTS)
                  .entrySet()) {
            assertThat(scraped.get(e.getKey()))
                .as("%s counts its dead letters of %s", e.getKey(), e.getValue())
                .containsPattern(
                    "(?m)^shopset_dead_letters_total\\{[^}]*topic=\""
                        + Pattern.quote(e.getValue())
                        + "\"} [1-9]");
          }
        });
  }

  /** The services a row names: one, or every service. */
  private static List<String> services(Documented metric) {
    String column = metric.services();
    if (column.startsWith("every service")) {
      return Stack.SERVICES;
    }
    return List.of(column.equals("git-pusher") ? Stack.PUSHER : column + "-service");
  }

  /** The series that shows a metric of its type is there. */
  private static String series(Documented metric) {
    return switch (metric.type()) {
      case "histogram" -> metric.name() + "_bucket";
      case "timer" -> metric.name() + "_count";
      default -> metric.name();
    };
  }

  /** Every replica's /q/metrics of {@code service}, one after the other. */
  private static String scrape(Stack stack, String service) {
    StringBuilder all = new StringBuilder();
    for (ServiceNode node : stack.replicas(service)) {
      Http.Answer answer = Http.get(node.url("/q/metrics"));
      assertThat(answer.status()).as(node.name()).isEqualTo(200);
      all.append(answer.body()).append('\n');
    }
    return all.toString();
  }

  /** The rows of the README's metrics table. */
  static List<Documented> documented() throws IOException {
    Pattern row = Pattern.compile("^\\| `([a-z_:]+)` \\| ([a-z]+) \\|[^|]*\\| ([^|]+) \\|");
    List<Documented> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(README)) {
      if (line.startsWith("<!-- metrics:")) {
        inTable = true;
      } else if (inTable) {
        Matcher m = row.matcher(line);
        if (m.find()) {
          rows.add(new Documented(m.group(1), m.group(2), m.group(3).strip()));
        } else if (!line.startsWith("|")) {
          break;
        }
      }
    }
    return rows;
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }
}
