package dev.shopset.system;

import dev.shopset.contracts.Topics;
import dev.shopset.kafka.BrokerAccess;
import dev.shopset.kafka.EmbeddedKafkaBroker;
import dev.shopset.local.ServiceNode;
import dev.shopset.local.TopicSetup;
import dev.shopset.local.kubernetes.InMemoryKubernetes;
import dev.shopset.notifier.slack.SlackStub;
import dev.shopset.testkit.FreePorts;
import dev.shopset.testkit.GitCli;
import dev.shopset.testkit.GitServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ShopSet as users run it: a real Kafka broker (restartable on its port and data), the in-memory
 * Kubernetes API, git repositories over smart HTTP with basic auth, the Slack stub, and the four
 * services as separate processes. Started once for the whole test run.
 */
final class Stack implements AutoCloseable {

  static final String GIT_USER = "shopset";
  static final String GIT_PASSWORD = "system-tests-password";
  static final String WEBHOOK_SECRET = "system-tests-webhook-secret";
  static final String DEFAULT_CHANNEL = "#system-tests";

  /** The Slack app's signing secret the notifiers verify button clicks with. */
  static final String SLACK_SIGNING_SECRET = "system-tests-slack-signing-secret";

  /**
   * The Slack users the notifiers know (Slack id: Kubernetes user), as a platform team maps them.
   */
  static final String SLACK_USERS = "U0BOB: bob\nU0MALLORY: mallory\nU0RITA: rita\n";

  static final String APP_PATH = "deploy";
  static final String CONFIG_PATH = "standard";

  /** The currency of repository {@code config-b}, so a build shows which component it used. */
  static final String TENANT_B_CURRENCY = "TENANT-B-CURRENCY";

  /** Branches of the app and configuration repositories: one per tier the tests create. */
  static final List<String> SOURCE_BRANCHES =
      List.of(
          "tier-0",
          "tier-1",
          "hostile",
          "faults",
          "bench",
          "tenancy",
          "tenancy-moved",
          "scale-0",
          "scale-1",
          "faults-up",
          "consumer-0",
          "consumer-1",
          "release-dev",
          "release-prod",
          "approval-dev",
          "approval-prod",
          "tracing",
          "tracing-up",
          "metrics-0",
          "metrics-1");

  static final String WATCHER = "watcher-service";
  static final String RENDERER = "renderer-service";
  static final String PUSHER = "git-pusher-service";
  static final String NOTIFIER = "notifier-service";
  static final List<String> SERVICES = List.of(WATCHER, RENDERER, PUSHER, NOTIFIER);

  /**
   * A service's heap: git-pusher's 128m (its peak RSS stays under 300 MB through the 10,000-ShopSet
   * benchmark, bench/README.md), 256m for the others; {@code -Dstack.heap.<service>=SIZE} tries
   * another.
   */
  static String heap(String service) {
    return System.getProperty("stack.heap." + service, service.equals(PUSHER) ? "128m" : "256m");
  }

  /** Whether the services record spans (-Dstack.traces=false for benchmarks: ids still travel). */
  static final boolean TRACES = Boolean.parseBoolean(System.getProperty("stack.traces", "true"));

  /** Processes per service, as the manifests run them (two of each; -Dstack.replicas to change). */
  static final int REPLICAS = Integer.getInteger("stack.replicas", 2);

  final Path root;
  final Path dir;
  final GitCli cli = new GitCli(GIT_USER, GIT_PASSWORD);
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Map<String, ServiceNode> services = new LinkedHashMap<>();
  private final Map<String, Integer> livenessFailures = new HashMap<>();
  private final Map<String, Integer> restarts = new HashMap<>();
  private final int replicas;
  private final boolean secureKafka;
  private final Map<String, String> kafkaPasswords = new HashMap<>();
  private EmbeddedKafkaBroker broker;
  private int kafkaPort;
  private InMemoryKubernetes api;
  private KubernetesClient client;
  private GitServer git;
  private SlackStub slack;
  private OtlpReceiver otlp;

  private Stack(Path root, Path dir, int replicas, boolean secureKafka) {
    this.root = root;
    this.dir = dir;
    this.replicas = replicas;
    this.secureKafka = secureKafka;
  }

  /** Starts everything; on failure stops what was started and rethrows. */
  static Stack start(Path root, Path dir) {
    return start(root, dir, REPLICAS, false);
  }

  /**
   * Starts everything with {@code replicas} processes per service; with {@code secureKafka} the
   * broker lets in only SCRAM users over TLS and authorizes by ACLs, and every service connects as
   * its own KafkaUser with the ACLs k8s/ ships ({@link StrimziUsers}).
   */
  static Stack start(Path root, Path dir, int replicas, boolean secureKafka) {
    Stack stack = new Stack(root, dir, replicas, secureKafka);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    GitCli.delete(dir);
    kafkaPort = FreePorts.next();
    startBroker();
    if (secureKafka) {
      createTopicsUsersAndAcls();
    } else {
      createTopics(bootstrapServers());
    }

    // Without schema checks: HostileInputIT creates what a CRD would refuse, to show that the
    // services themselves refuse it too (a cluster whose CRDs are older, or validation bypassed).
    api = InMemoryKubernetes.startWithoutSchemaValidation(0);
    running.push(api);
    client = api.client();
    running.push(client::close);

    Path repos = dir.resolve("git");
    seed("app", root.resolve("examples/app"), APP_PATH);
    seed("config", root.resolve("examples/config"), CONFIG_PATH);
    // Another tenant's configuration repository: the same component with its own currency.
    seed(
        "config-b",
        root.resolve("examples/config"),
        CONFIG_PATH,
        work ->
            GitCli.replace(
                work.resolve(CONFIG_PATH).resolve("kustomization.yaml"),
                "SHOP_CURRENCY=EUR",
                "SHOP_CURRENCY=" + TENANT_B_CURRENCY));
    // A configuration repository FaultsIT silences (a host that never answers).
    seed("config-silent", root.resolve("examples/config"), CONFIG_PATH);
    bare("system");
    bare("system-faults");
    bare("system-bench");
    bare("system-scale");
    bare("system-consumer");
    git = GitServer.start(repos, 0, GIT_USER, GIT_PASSWORD);
    running.push(git);

    slack = new SlackStub();
    running.push(slack);

    // Every process exports its spans here, as to a collector in a cluster.
    otlp = OtlpReceiver.start();
    running.push(otlp);

    Path logs = dir.resolve("logs");
    for (String name : SERVICES) {
      for (int replica = 0; replica < replicas; replica++) {
        String instance = name + "-" + replica;
        ServiceNode node =
            new ServiceNode(
                root,
                name,
                instance,
                FreePorts.next(),
                env(name, instance),
                dir.resolve("apps"),
                logs,
                heap(name));
        services.put(instance, node);
        running.push(node);
      }
    }
    // Start in parallel (2 cores: the JVM boots overlap I/O), then wait for each.
    services.values().forEach(ServiceNode::start);
    services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(300)));
  }

  private Map<String, String> env(String service, String instance) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    if (secureKafka) {
      // What the kafka-security component sets, from the service's KafkaUser Secret and the CA.
      String user = StrimziUsers.userOf(service);
      env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
      env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
      env.put(
          "KAFKA_SASL_JAAS_CONFIG", EmbeddedKafkaBroker.jaasConfig(user, kafkaPasswords.get(user)));
      env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
      env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", broker.caCertificate().toString());
    }
    // A SIGKILLed member leaves its group after the session timeout: keep that short here.
    env.put("KAFKA_SESSION_TIMEOUT_MS", "10000");
    env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "2000");
    // The platform's repository policy: the tests' git server is the one allowed prefix.
    env.put("SHOPSET_REPOSITORY_PREFIXES", git.prefix());
    // Traces to the tests' OTLP receiver, exported within a fraction of a second. Logs stay in the
    // cluster profile's format: one JSON object per line.
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_TRACES_SAMPLER_ARG", TRACES ? "1.0" : "0");
    env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    switch (service) {
      case WATCHER -> {
        // Both replicas compete for one Lease, each under its own name.
        env.put("WATCHER_LEADER_ELECTION_IDENTITY", instance);
        env.put("WATCHER_LEADER_ELECTION_LEASE_NAMESPACE", "shopset");
        env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", api.url());
        env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        env.put("QUARKUS_LOG_CATEGORY__IO_FABRIC8_MOCKWEBSERVER__LEVEL", "WARN");
      }
      case PUSHER -> {
        // Each replica has its own volume of working clones, as each pod has.
        env.put("SHOPSET_WORKSPACE_DIR", dir.resolve("workspaces-" + instance).toString());
        env.put("SHOPSET_GIT_CREDENTIALS_DIR", dir.resolve("no-credential-files").toString());
        env.put("SHOPSET_GIT_USERNAME", GIT_USER);
        env.put("SHOPSET_GIT_PUSHER_CREDENTIALS_TOKEN", GIT_PASSWORD);
        env.put("SHOPSET_GIT_PUSHER_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("SHOPSET_GIT_PUSHER_POLL_INTERVAL", "10s");
        env.put("SHOPSET_GIT_PUSHER_PUSH_MAX_BACKOFF", "2s");
        // A held ShopSet (its source failing) is tried again within seconds, not minutes.
        env.put("SHOPSET_GIT_PUSHER_RETRY_HELD_INITIAL", "2s");
        env.put("SHOPSET_GIT_PUSHER_RETRY_HELD_MAX", "10s");
        // A silent source is given up on after this long (the default is 20 s).
        env.put("SHOPSET_GIT_PUSHER_SOURCES_TIMEOUT", "5s");
      }
      case NOTIFIER -> {
        env.put("SLACK_BOT_TOKEN", SlackStub.TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("SLACK_DEFAULT_CHANNEL", DEFAULT_CHANNEL);
        env.put("NOTIFIER_LIMITS_MAX_BACKOFF", "2s");
        env.put("SLACK_SIGNING_SECRET", SLACK_SIGNING_SECRET);
        env.put("SLACK_USERS_FILE", slackUsers().toString());
      }
      default -> {
        // the renderer needs only Kafka and the repository policy (for its preview)
      }
    }
    return env;
  }

  private Path slackUsers() {
    Path file = dir.resolve("slack-users.txt");
    try {
      Files.writeString(file, SLACK_USERS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  // --- the parts ---

  /** The in-memory API itself (to take it down and bring it back). */
  InMemoryKubernetes kubernetes() {
    return api;
  }

  KubernetesClient client() {
    return client;
  }

  SlackStub slack() {
    return slack;
  }

  /** What the services' traces look like to a collector. */
  OtlpReceiver otlp() {
    return otlp;
  }

  GitServer git() {
    return git;
  }

  /** The first replica of a service (any replica serves its HTTP endpoints). */
  ServiceNode service(String name) {
    return services.get(name + "-0");
  }

  /** Every replica of a service. */
  List<ServiceNode> replicas(String service) {
    return services.entrySet().stream()
        .filter(e -> e.getKey().startsWith(service + "-"))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** The watcher replica that holds the Lease now, if one says so in its readiness data. */
  java.util.Optional<ServiceNode> leadingWatcher() {
    return replicas(WATCHER).stream()
        .filter(ServiceNode::alive)
        .filter(node -> {
          try {
            return Http.get(node.url("/q/health/ready"))
                .body()
                .replace(" ", "")
                .contains("\"leader\":true");
          } catch (RuntimeException unreachable) {
            return false;
          }
        })
        .findFirst();
  }

  List<ServiceNode> services() {
    return List.copyOf(services.values());
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  String url(String repository) {
    return git.url(repository);
  }

  Path scratch() {
    try {
      return Files.createDirectories(dir.resolve("scratch"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- faults ---

  /** Starts the broker on the same port and data directory as before. */
  synchronized void startBroker() {
    EmbeddedKafkaBroker.Settings settings =
        EmbeddedKafkaBroker.Settings.defaults()
            .withDataDir(dir.resolve("kafka"))
            .withPort(kafkaPort);
    broker =
        EmbeddedKafkaBroker.start(
            secureKafka
                ? settings.withSecurity(EmbeddedKafkaBroker.Security.defaults())
                : settings);
  }

  /** The broker itself (its log, its CA, client settings of its users when secure). */
  EmbeddedKafkaBroker broker() {
    return broker;
  }

  /** Client settings of a test's own clients: plain, or the broker's super user when secure. */
  Map<String, String> kafkaClientSettings() {
    return secureKafka ? broker.adminSettings() : Map.of("bootstrap.servers", bootstrapServers());
  }

  /**
   * Creates a SCRAM user with the ACLs of {@code users} (secure stack only), as Strimzi's User
   * Operator would for a KafkaUser applied later; returns its client settings.
   */
  Map<String, String> createKafkaUser(StrimziUsers users, String user) {
    String password = UUID.randomUUID().toString();
    try (BrokerAccess access = BrokerAccess.of(broker)) {
      access.createUser(user, password).allow(users.aclBindings(user));
    }
    return broker.clientSettings(user, password);
  }

  /** Client settings of a service's KafkaUser (secure stack only), as that service gets them. */
  Map<String, String> kafkaClientSettingsOf(String service) {
    String user = StrimziUsers.userOf(service);
    return broker.clientSettings(user, kafkaPasswords.get(user));
  }

  /**
   * The contracts' topics (as Strimzi's KafkaTopics would make them), and a SCRAM user per service
   * with the ACLs of its KafkaUser in k8s/ (as Strimzi's User Operator would), with fresh
   * passwords.
   */
  private void createTopicsUsersAndAcls() {
    Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    for (Topics.Topic topic : Topics.ALL) {
      topics.put(topic.name(), Map.of("cleanup.policy", topic.cleanup().policy()));
    }
    try (BrokerAccess access = BrokerAccess.of(broker)) {
      access.createTopics(topics);
      StrimziUsers users = StrimziUsers.read(root.resolve(StrimziUsers.SERVICE_USERS));
      for (String user : users.names()) {
        String password = UUID.randomUUID().toString();
        kafkaPasswords.put(user, password);
        access.createUser(user, password).allow(users.aclBindings(user));
      }
    }
  }

  synchronized void stopBroker() {
    broker.close();
  }

  /**
   * What the kubelet would do: restarts a service that died or whose liveness probe failed three
   * times in a row. Call it while waiting; returns the services it restarted.
   */
  synchronized List<String> heal() {
    List<String> restarted = new java.util.ArrayList<>();
    for (ServiceNode node : services.values()) {
      boolean ok = node.live();
      int failures = ok ? 0 : livenessFailures.merge(node.name(), 1, Integer::sum);
      if (ok) {
        livenessFailures.remove(node.name());
      }
      if (!node.alive() || failures >= 3) {
        if (node.alive()) {
          node.kill9();
        }
        node.restart();
        livenessFailures.remove(node.name());
        restarts.merge(node.name(), 1, Integer::sum);
        restarted.add(node.name());
      }
    }
    return restarted;
  }

  /** Restarts made by {@link #heal()} so far, per service. */
  synchronized Map<String, Integer> restartsByHealing() {
    return Map.copyOf(restarts);
  }

  // --- set-up helpers ---

  private void seed(String name, Path content, String subdirectory) {
    seed(name, content, subdirectory, work -> {});
  }

  private void seed(
      String name, Path content, String subdirectory, java.util.function.Consumer<Path> edit) {
    bare(name);
    Path work = dir.resolve("seed-" + name);
    cli.git(dir, "init", "-q", work.toString());
    GitCli.copy(content, work.resolve(subdirectory));
    edit.accept(work);
    cli.git(work, "add", "-A");
    cli.git(work, "commit", "-q", "-m", "Seed from examples/" + content.getFileName());
    for (String branch : SOURCE_BRANCHES) {
      cli.git(work, "push", "-q", bareDir(name).toString(), "HEAD:refs/heads/" + branch);
    }
    GitCli.delete(work);
  }

  private void bare(String name) {
    cli.git(dir, "init", "-q", "--bare", bareDir(name).toString());
  }

  Path bareDir(String name) {
    return dir.resolve("git").resolve(name + ".git");
  }

  private static void createTopics(String bootstrapServers) {
    try {
      TopicSetup.ensure(bootstrapServers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops everything, newest first (the services together), the broker last; safe twice. */
  @Override
  public synchronized void close() {
    services.values().parallelStream().forEach(ServiceNode::close);
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping the stack: " + e);
      }
    }
    if (broker != null) {
      broker.close();
    }
  }
}
