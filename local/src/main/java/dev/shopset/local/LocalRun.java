package dev.shopset.local;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * ShopSet on one machine: a real Kafka broker, an in-memory Kubernetes API, git repositories over
 * smart HTTP, and the four services as child processes; prints what happens until Ctrl-C.
 */
public final class LocalRun {

  static final String GIT_USER = "shopset";
  static final String GIT_PASSWORD = "local-only-password";
  static final List<String> SERVICES =
      List.of("watcher-service", "renderer-service", "git-pusher-service", "notifier-service");

  private final Path root;
  private final Path data;
  private final PrintStream out;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  LocalRun(Path root, Path data, PrintStream out) {
    this.root = root;
    this.data = data;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("shopset.root", ".")).toAbsolutePath().normalize();
    Path data = root.resolve(".local/run");
    LocalRun run = new LocalRun(root, data, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "shopset-local-stop"));
    run.start();
    new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
  }

  void start() throws Exception {
    deleteRecursively(data);
    Files.createDirectories(data);
    step("Starting the Kafka broker (KRaft, Apache Kafka from Maven Central)");
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            EmbeddedKafkaBroker.Settings.defaults().withDataDir(data.resolve("kafka")));
    running.push(broker);
    TopicSetup.ensure(broker.bootstrapServers());
    detail("broker    " + broker.bootstrapServers() + "  (log: " + broker.logFile() + ")");

    step("Starting the in-memory Kubernetes API");
    InMemoryKubernetes kubernetes = InMemoryKubernetes.start(0);
    running.push(kubernetes);
    detail("api       " + kubernetes.url());

    step("Serving git repositories over smart HTTP");
    GitRepositories repos = new GitRepositories(data.resolve("git"));
    repos.createSeeded("app", root.resolve("examples/app"), "deploy", List.of("tier-0", "tier-1"));
    repos.createSeeded(
        "config", root.resolve("examples/config"), "standard", List.of("tier-0", "tier-1"));
    repos.createBare("system");
    GitHttpServer git = GitHttpServer.start(data.resolve("git"), 0, GIT_USER, GIT_PASSWORD);
    running.push(git);
    detail("git       " + git.url("app") + ", " + git.url("config") + ", " + git.url("system"));

    step("Starting the services");
    for (String service : SERVICES) {
      ServiceProcess process =
          ServiceProcess.start(
              root,
              service,
              freePort(),
              env(service, broker, kubernetes),
              data.resolve("logs"),
              "256m");
      running.push(process);
      process.awaitReady(Duration.ofSeconds(90));
      detail(
          "%-18s http://127.0.0.1:%d  (log: %s)".formatted(service, process.port(), process.log()));
    }
    startEventPrinter(broker.bootstrapServers());
  }

  private Map<String, String> env(
      String service, EmbeddedKafkaBroker broker, InMemoryKubernetes kubernetes) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    switch (service) {
      case "watcher-service" -> {
        env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetes.url());
        env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
      }
      case "git-pusher-service" -> {
        env.put("SHOPSET_GIT_WORKSPACE_DIR", data.resolve("workspaces").toString());
        env.put("SHOPSET_GIT_USERNAME", GIT_USER);
        env.put("SHOPSET_GIT_PASSWORD", GIT_PASSWORD);
      }
      default -> {
        // renderer: nothing outside Kafka; notifier: no Slack configured, messages go to its log
      }
    }
    return env;
  }

  private void startEventPrinter(String bootstrapServers) {
    Set<String> topics =
        Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "shopset-local-console",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    Thread printer =
        Thread.ofPlatform()
            .name("event-printer")
            .daemon()
            .start(() -> {
              try (consumer) {
                consumer.subscribe(topics);
                while (!Thread.currentThread().isInterrupted()) {
                  for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                      continue;
                    }
                    try {
                      var event = EventCodec.decode(record.headers(), record.value());
                      detail(EventLine.of(event.data()));
                    } catch (EventDecodingException e) {
                      detail("unreadable record on " + record.topic() + ": " + e.getMessage());
                    }
                  }
                }
              } catch (WakeupException stopping) {
                // stop() woke us up
              }
            });
    running.push(() -> {
      consumer.wakeup();
      printer.join(5_000);
    });
    step("Watching " + Topics.DESIRED + ", " + Topics.RENDERS + ", " + Topics.COMMITS + ", …");
  }

  /** Stops everything started, newest first; safe to call twice. */
  synchronized void stop() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        out.println("  while stopping: " + e);
      }
    }
  }

  private void step(String text) {
    out.println("==> " + text);
  }

  private void detail(String text) {
    out.println("    " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + text);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
