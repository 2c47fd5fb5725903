package dev.shopset.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in KRaft mode (one node that is both broker and controller) bound to
 * free loopback ports, run as a child process of this JVM.
 *
 * <p>The child exits when this JVM exits, whether through {@link #close()}, a shutdown hook, or a
 * crash (it watches its standard input, which closes with its parent).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String READY_LINE = "Kafka Server started";
  private static EmbeddedKafkaBroker shared;

  private final Path dataDir;
  private final boolean deleteDataOnClose;
  private final int port;
  private final Process process;
  private final Path logFile;
  private final BrokerTls tls;
  private final Security security;

  private EmbeddedKafkaBroker(
      Path dataDir,
      boolean deleteDataOnClose,
      int port,
      Process process,
      BrokerTls tls,
      Security security) {
    this.dataDir = dataDir;
    this.deleteDataOnClose = deleteDataOnClose;
    this.port = port;
    this.process = process;
    this.logFile = dataDir.resolve("server.log");
    this.tls = tls;
    this.security = security;
  }

  /**
   * The broker shared by every test in this JVM, started on first use and stopped when the JVM
   * exits.
   */
  public static synchronized EmbeddedKafkaBroker shared() {
    if (shared == null || !shared.isRunning()) {
      shared = start(Settings.defaults());
      EmbeddedKafkaBroker broker = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
    }
    return shared;
  }

  /** Starts a broker and waits until it accepts clients. */
  public static EmbeddedKafkaBroker start(Settings settings) {
    try {
      boolean temporary = settings.dataDir() == null;
      Path dataDir =
          temporary
              ? Files.createTempDirectory("shopset-kafka-")
              : settings.dataDir().toAbsolutePath();
      Files.createDirectories(dataDir);
      int port = settings.port() > 0 ? settings.port() : freePort();
      int controllerPort = freePort();
      Security security = settings.security();
      BrokerTls tls = security == null ? null : BrokerTls.create(dataDir.resolve("tls"));
      Path properties =
          writeProperties(dataDir, port, controllerPort, settings.partitions(), security, tls);
      Path log4j = writeLog4j(dataDir, security != null);
      Process process = launch(dataDir, properties, log4j, settings.heap(), security);
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(dataDir, temporary, port, process, tls, security);
      broker.awaitReady(settings.startTimeout());
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded Kafka broker", e);
    }
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Whether clients must authenticate (SCRAM-SHA-512 over TLS) and are authorized by ACLs. */
  public boolean isSecure() {
    return security != null;
  }

  /**
   * Client settings of a secure broker for one SCRAM user, as a service is given them: {@code
   * bootstrap.servers}, {@code security.protocol=SASL_SSL}, {@code sasl.mechanism=SCRAM-SHA-512},
   * {@code sasl.jaas.config} and the cluster CA as a PEM trust store (Strimzi's {@code ca.crt}).
   */
  public Map<String, String> clientSettings(String user, String password) {
    requireSecure();
    return SecureMode.clientSettings(bootstrapServers(), tls, user, password);
  }

  /** {@link #clientSettings} of the super user the broker was started with. */
  public Map<String, String> adminSettings() {
    requireSecure();
    return clientSettings(security.adminUser(), security.adminPassword());
  }

  /** The cluster CA certificate (PEM), like the {@code ca.crt} of Strimzi's cluster CA Secret. */
  public Path caCertificate() {
    requireSecure();
    return tls.caCertificate();
  }

  /** The cluster CA as a PKCS12 trust store, like Strimzi's {@code ca.p12}. */
  public Path caTrustStore() {
    requireSecure();
    return tls.caTrustStore();
  }

  /** The password of {@link #caTrustStore()}, like Strimzi's {@code ca.password}. */
  public String caTrustStorePassword() {
    requireSecure();
    return tls.password();
  }

  /** The JAAS line of a SCRAM user, as Strimzi writes it into the KafkaUser Secret. */
  public static String jaasConfig(String user, String password) {
    return SecureMode.jaasConfig(user, password);
  }

  private void requireSecure() {
    if (security == null) {
      throw new IllegalStateException("This broker was started without Settings.withSecurity");
    }
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Where the broker's own log goes; worth reading when a test fails. */
  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  /** Stops the broker and, for a temporary one, deletes its data. Safe to call twice. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (deleteDataOnClose) {
      deleteRecursively(dataDir);
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        String tail = tailOfLog();
        close();
        throw new IllegalStateException(
            "The Kafka broker exited with code " + process.exitValue() + ":\n" + tail);
      }
      if (logContains(READY_LINE) && accepts(port)) {
        return;
      }
      try {
        Thread.sleep(50); // polling the child's log; there is no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String tail = tailOfLog();
    close();
    throw new IllegalStateException(
        "The Kafka broker did not start within " + timeout + ":\n" + tail);
  }

  private boolean logContains(String text) throws IOException {
    return Files.exists(logFile)
        && Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
  }

  private String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no broker log at " + logFile + ")";
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Process launch(
      Path dataDir, Path properties, Path log4j, String heap, Security security)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xms64m");
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + log4j);
    command.add("-cp");
    command.add(serverClasspath());
    command.add(KafkaServerMain.class.getName());
    command.add(properties.toString());
    command.add(clusterId(dataDir));
    if (security != null) {
      // The super user's SCRAM credentials go into the metadata when the storage is formatted, so
      // the broker's own SASL connections authenticate from the first start (KIP-900).
      command.add(SecureMode.formatCredential(security));
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
        .start();
  }

  /** The broker's jars (written by the build) plus this module's own classes. */
  private static String serverClasspath() throws IOException {
    String kafkaJars;
    try (InputStream in = EmbeddedKafkaBroker.class.getResourceAsStream("kafka-server.classpath")) {
      if (in == null) {
        throw new IllegalStateException(
            "kafka-server.classpath is missing: build the embedded-kafka module with Maven");
      }
      kafkaJars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    String own;
    try {
      own =
          Path.of(KafkaServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return own + java.io.File.pathSeparator + kafkaJars;
  }

  /**
   * Stable per data directory, so a persistent directory restarts as the same cluster. Never starts
   * with '-', which the storage tool would read as an option.
   */
  static String clusterId(Path dataDir) {
    UUID uuid = UUID.nameUUIDFromBytes(dataDir.toString().getBytes(StandardCharsets.UTF_8));
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (msb >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    bytes[0] &= 0x7F; // first base64 character then in A..f
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Path writeProperties(
      Path dataDir, int port, int controllerPort, int partitions, Security security, BrokerTls tls)
      throws IOException {
    String listeners =
        security == null
            ? plaintextListeners(port, controllerPort)
            : SecureMode.listeners(port, controllerPort, security, tls);
    String text =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            listeners,
            "log.dirs=" + dataDir.resolve("data"),
            "num.partitions=" + partitions,
            "auto.create.topics.enable=true",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=5",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "log.cleaner.backoff.ms=1000",
            "");
    Path file = dataDir.resolve("server.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String plaintextListeners(int port, int controllerPort) {
    return String.join(
        "\n",
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
  }

  /**
   * With security, refused requests are logged too ("is Denied operation", the authorizer's log).
   */
  private static Path writeLog4j(Path dataDir, boolean secure) throws IOException {
    String text =
        String.join(
            "\n",
            "Configuration:",
            "  Appenders:",
            "    Console:",
            "      name: STDOUT",
            "      PatternLayout:",
            "        pattern: \"[%d] %p %m (%c)%n\"",
            "  Loggers:",
            "    Root:",
            "      level: WARN",
            "      AppenderRef:",
            "        - ref: STDOUT",
            "    Logger:",
            "      - name: kafka.server.KafkaRaftServer",
            "        level: INFO",
            secure ? "      - name: kafka.authorizer.logger\n        level: INFO" : "",
            "");
    Path file = dataDir.resolve("log4j2.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory left behind is harmless
    }
  }

  /**
   * How to start a broker.
   *
   * @param dataDir where logs and data live; {@code null} for a temporary directory removed on
   *     close
   * @param port the client port; 0 for a free one
   * @param partitions default partition count of auto-created topics
   * @param heap the broker's maximum heap, e.g. {@code 512m}
   * @param startTimeout how long to wait for the broker to accept clients
   */
  public record Settings(
      Path dataDir,
      int port,
      int partitions,
      String heap,
      Duration startTimeout,
      Security security) {
    public static Settings defaults() {
      return new Settings(null, 0, 3, "512m", Duration.ofSeconds(60), null);
    }

    public Settings withDataDir(Path dir) {
      return new Settings(dir, port, partitions, heap, startTimeout, security);
    }

    public Settings withPort(int newPort) {
      return new Settings(dataDir, newPort, partitions, heap, startTimeout, security);
    }

    /** A broker that lets in only SCRAM users over TLS and authorizes them by ACLs. */
    public Settings withSecurity(Security newSecurity) {
      return new Settings(dataDir, port, partitions, heap, startTimeout, newSecurity);
    }
  }

  /**
   * The secure mode: SASL_SSL with SCRAM-SHA-512, a CA and broker certificate generated into the
   * data directory, and the StandardAuthorizer with {@code adminUser} as the super user.
   */
  public record Security(String adminUser, String adminPassword) {
    public static Security defaults() {
      return new Security("admin", "admin-secret");
    }
  }
}
