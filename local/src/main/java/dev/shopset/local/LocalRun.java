package dev.shopset.local;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.local.kubernetes.InMemoryKubernetes;
import dev.shopset.testkit.FreePorts;
import dev.shopset.testkit.GitServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * ShopSet on one machine: a real Kafka broker, an in-memory Kubernetes API (or the cluster of a
 * kubeconfig), git repositories over smart HTTP, and the four services as child processes, with the
 * examples applied; prints what happens until Ctrl-C, or runs the demo story and exits.
 */
public final class LocalRun {

  static final String GIT_USER = "shopset";
  static final String GIT_PASSWORD = "local-only-password";
  static final List<String> SERVICES =
      List.of("watcher-service", "renderer-service", "git-pusher-service", "notifier-service");
  static final List<String> TIER_BRANCHES = List.of(DemoStory.DEV, DemoStory.PROD);
  private static final long TWO_GIB_KIB = 2L * 1024 * 1024;

  private static final String USAGE =
      """
      usage: ./shopset run [--demo] [--kubeconfig FILE]

        (no option)        start ShopSet with the examples applied; Ctrl-C stops everything
        --demo             run the scripted story (commit, change, base bump, promotion,
                           rollout), print a summary and exit: 0 when every step came true
        --kubeconfig FILE  use that cluster instead of the in-memory Kubernetes API (the CRDs
                           of k8s/crds must be installed there)
      """;

  private final Path root;
  private final Path data;
  private final Console console;
  private final Path kubeconfig;

  /** What kubectl uses: the given kubeconfig, or the one written for the in-memory API. */
  private Path kubectlConfig;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private KubernetesClient client;
  private GitRepositories git;
  private GitServer gitServer;
  private EventConsole events;
  private SlackConsole slack;
  private String renderer;

  LocalRun(Path root, Path data, PrintStream out, Path kubeconfig) {
    this.root = root;
    this.data = data;
    this.console = new Console(out);
    this.kubeconfig = kubeconfig;
  }

  public static void main(String[] args) throws Exception {
    boolean demo = false;
    Path kubeconfig = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo" -> demo = true;
        case "--kubeconfig" -> {
          if (i + 1 == args.length) {
            System.err.print("--kubeconfig needs a file\n" + USAGE);
            System.exit(2);
          }
          kubeconfig = Path.of(args[++i]).toAbsolutePath();
        }
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        default -> {
          System.err.print("unknown option " + args[i] + "\n" + USAGE);
          System.exit(2);
        }
      }
    }
    Path root = Path.of(System.getProperty("shopset.root", ".")).toAbsolutePath().normalize();
    Path data = Path.of(System.getProperty("shopset.data", root.resolve(".local/run").toString()));
    LocalRun run = new LocalRun(root, data, System.out, kubeconfig);
    if (demo) {
      Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "shopset-local-stop"));
      System.exit(run.demo());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(run::summarizeAndStop, "shopset-local-stop"));
    run.start();
    run.tryIt();
    run.console.step("ShopSet is running. Ctrl-C prints a summary and stops everything.");
    new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
  }

  /** Starts everything, runs the story, prints the summary, stops; returns the exit code. */
  int demo() {
    try {
      start();
      new DemoStory(client, git, slack, console, kubectlConfig).run();
      summary();
      console.step("Demo complete: every step came true.");
      return 0;
    } catch (Exception e) {
      console.step("Demo FAILED: " + e.getMessage());
      console.line("    logs: " + data.resolve("logs"));
      return 1;
    } finally {
      stop();
    }
  }

  void start() throws Exception {
    deleteRecursively(data);
    Files.createDirectories(data);
    console.step("Starting the Kafka broker (KRaft, Apache Kafka from Maven Central)");
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            EmbeddedKafkaBroker.Settings.defaults().withDataDir(data.resolve("kafka")));
    running.push(broker);
    pids.put("kafka broker", broker.pid());
    TopicSetup.ensure(broker.bootstrapServers());
    console.detail("broker    " + broker.bootstrapServers() + "  (log: " + broker.logFile() + ")");

    Map<String, String> kubernetesEnv = new HashMap<>();
    if (kubeconfig == null) {
      console.step("Starting the in-memory Kubernetes API");
      InMemoryKubernetes kubernetes = InMemoryKubernetes.start(0);
      running.push(kubernetes);
      client = kubernetes.client();
      kubernetesEnv.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetes.url());
      kubectlConfig = kubernetes.writeKubeconfig(data.resolve("kubeconfig"));
      console.detail("api       " + kubernetes.url() + "  (kubeconfig: " + kubectlConfig + ")");
    } else {
      console.step("Using the cluster of " + kubeconfig);
      kubectlConfig = kubeconfig;
      client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
              .withHttpClientFactory(new JdkHttpClientFactory())
              .build();
      kubernetesEnv.put("KUBECONFIG", kubeconfig.toString());
      console.detail("api       " + client.getMasterUrl());
    }
    running.push(client);

    console.step("Serving git repositories over smart HTTP (seeded from examples/)");
    Path repositories = data.resolve("git");
    git = new GitRepositories(repositories);
    // Only main: the git-pusher opens each tier's branch (dev from main, prod from dev).
    git.createSeeded("app", root.resolve("examples/app"), ".", List.of("main"));
    git.createSeeded("config", root.resolve("examples/config"), ".", List.of("main"));
    git.createBare("system");
    gitServer = GitServer.start(repositories, 0, GIT_USER, GIT_PASSWORD);
    running.push(gitServer);
    for (String repository : List.of("app", "config", "system")) {
      console.detail("%-9s %s".formatted(repository, gitServer.url(repository)));
    }

    console.step("Starting the services");
    List<ServiceNode> services = new ArrayList<>();
    for (String service : SERVICES) {
      ServiceNode process =
          new ServiceNode(
              root,
              service,
              FreePorts.next(),
              env(service, broker.bootstrapServers(), kubernetesEnv),
              null,
              data.resolve("logs"),
              // git-pusher holds one tier branch's tree at a time: 128m is measured enough for
              // 10,000 ShopSets on a tier (bench/README.md).
              service.equals("git-pusher-service") ? "128m" : "192m");
      process.start();
      running.push(process);
      services.add(process);
    }
    for (ServiceNode process : services) {
      process.awaitReady(Duration.ofSeconds(120));
      pids.put(process.name(), process.pid());
      if (process.name().equals("renderer-service")) {
        renderer = "http://127.0.0.1:" + process.port();
      }
      console.detail(
          "%-18s http://127.0.0.1:%d  (log: %s)"
              .formatted(process.name(), process.port(), process.log()));
    }

    console.step("Watching the topics and the notifier's messages");
    events = new EventConsole(broker.bootstrapServers(), console::detail);
    running.push(events);
    slack = new SlackConsole(data.resolve("logs/notifier-service.log"), console::detail);
    running.push(slack);

    console.step("Applying the example resources (examples/resources)");
    var resources = ExampleResources.load(root.resolve("examples/resources"), gitServer::url);
    for (String applied : ExampleResources.apply(client, resources)) {
      console.detail("applied   " + applied);
    }
    memory("Memory after start");
  }

  private Map<String, String> env(
      String service, String bootstrapServers, Map<String, String> kubernetesEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    // The platform's repository policy: the local git server is the one allowed prefix.
    env.put("SHOPSET_REPOSITORY_PREFIXES", gitServer.prefix());
    // Readable text logs here (the cluster profile writes JSON); SlackConsole reads the notifier's.
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    if (otlpEndpoint() == null) {
      // Nothing to export to: record no spans, but trace ids still travel and are printed.
      env.put("OTEL_TRACES_SAMPLER_ARG", "0");
    }
    switch (service) {
      case "watcher-service" -> {
        env.putAll(kubernetesEnv);
        // Show progress of a rollout every second rather than every five.
        env.put("WATCHER_ROLLOUTS_PROGRESS_INTERVAL", "1s");
      }
      case "git-pusher-service" -> {
        env.put("SHOPSET_WORKSPACE_DIR", data.resolve("workspaces").toString());
        env.put("SHOPSET_GIT_USERNAME", GIT_USER);
        env.put("SHOPSET_GIT_TOKEN", GIT_PASSWORD);
        // No webhook reaches a laptop: poll the app and config branches every two seconds.
        env.put("SHOPSET_POLL_INTERVAL", "2s");
      }
      default -> {
        // renderer: nothing outside Kafka; notifier: no Slack configured, messages go to its log
      }
    }
    return env;
  }

  /**
   * The OTLP endpoint the services export spans to: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or
   * {@code OTEL_EXPORTER_OTLP_ENDPOINT} of this run's environment (the services inherit it); null
   * when neither is set, and then nothing is recorded.
   */
  static String otlpEndpoint() {
    for (String name :
        List.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")) {
      String value = System.getenv(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** What a person can do with the running stack, with the addresses of this run. */
  private void tryIt() {
    console.step("Try it");
    String system =
        gitServer.url("system").replace("http://", "http://" + GIT_USER + ":" + GIT_PASSWORD + "@");
    console.line("    export KUBECONFIG=" + kubectlConfig);
    console.line("    kubectl get shopsets,tiers,promotions -A");
    String otlp = otlpEndpoint();
    console.line(
        otlp == null
            ? "    # traces: not exported; with Jaeger on localhost, run again with"
                + " OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4317"
            : "    # traces: exported to "
                + otlp
                + "; look up the trace id an event line ends with");
    console.line("    kubectl -n shops-eu edit shopset eu-small   # then watch the commit");
    console.line("    kubectl -n shops-eu wait --for=condition=Committed shopset/eu-small");
    console.line("    git clone --recurse-submodules -b dev " + system + " /tmp/system");
    console.line(
        "    curl -s -H 'Content-Type: application/yaml' --data-binary @examples/preview/eu-small.yaml "
            + renderer
            + "/render");
    console.line("  with shopctl (README: \"Releasing with shopctl\"), in another terminal here:");
    console.line("    export KUBECONFIG=" + kubectlConfig + " SHOPCTL_RENDERER_URL=" + renderer);
    console.line("    ./shopctl status -A && ./shopctl tiers");
    console.line("    ./shopctl shops place graz -n shops-eu --tier dev");
    console.line("    ./shopctl promote dev --wait");
    console.line(
        "    kubectl -n shops-eu get shopset eu-small -o yaml > /tmp/eu-small.yaml   # edit it, then");
    console.line("    ./shopctl diff -f /tmp/eu-small.yaml");
  }

  /** At Ctrl-C: the summary of what happened, then everything stopped. */
  private void summarizeAndStop() {
    try {
      if (events != null) {
        summary();
      }
    } catch (Exception e) {
      console.line("    (no summary: " + e.getMessage() + ")");
    }
    stop();
  }

  /** The readable end of a run: what happened, where it lives, how much memory it took. */
  private void summary() throws IOException, InterruptedException {
    console.step("Summary");
    console.line(
        "    events    %d desired states, %d commits pushed, %d commit failures, %d rollout events"
            .formatted(
                events.seen(ShopSetDesired.class).size(),
                events.seen(CommitPushed.class).size(),
                events.seen(CommitFailed.class).size(),
                events.seen(RolloutEvent.class).size()));
    console.line(
        "    slack     %d message(s) and updates (log mode)".formatted(slack.messages().size()));
    for (String branch : TIER_BRANCHES) {
      console.line("    git log system " + branch + ":");
      for (String line : git.log("system", branch, 10).strip().split("\n")) {
        console.line("        " + line);
      }
    }
    console.line(
        "    repositories  " + data.resolve("git") + " (clone: " + gitServer.url("system") + ")");
    console.line("    logs          " + data.resolve("logs"));
    memory("Memory");
  }

  /** Prints RSS and peak RSS of every process of the run, and the total against 2 GiB. */
  private void memory(String title) {
    Map<String, Long> all = new LinkedHashMap<>();
    all.put("local run (API, git, consoles)", ProcessHandle.current().pid());
    all.putAll(pids);
    console.line("    " + title + ":");
    long total = 0;
    long peak = 0;
    for (var entry : all.entrySet()) {
      ProcessMemory memory = ProcessMemory.of(entry.getValue());
      total += memory.rssKib();
      peak += memory.peakKib();
      console.line(
          "      %-32s %6d MiB  (peak %d MiB)"
              .formatted(entry.getKey(), memory.rssKib() / 1024, memory.peakKib() / 1024));
    }
    console.line(
        "      %-32s %6d MiB  (peak %d MiB; budget 2048 MiB: %s)"
            .formatted("total", total / 1024, peak / 1024, peak < TWO_GIB_KIB ? "within" : "OVER"));
  }

  /** Stops everything started, newest first; safe to call twice. */
  synchronized void stop() {
    if (running.isEmpty()) {
      return;
    }
    console.step("Stopping everything");
    // All services shut down at once; each close() below then only waits for its own.
    running.stream()
        .filter(ServiceNode.class::isInstance)
        .forEach(s -> ((ServiceNode) s).signalStop());
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        console.line("  while stopping: " + e);
      }
    }
    console.step("Stopped; nothing is left running (data stays in " + data + ")");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
