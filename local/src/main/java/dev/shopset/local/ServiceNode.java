package dev.shopset.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One ShopSet service as a child process started from its built {@code quarkus-app}: restartable on
 * the same port with the same settings, killable with SIGKILL, its memory read from /proc. Used by
 * the local run and the system tests.
 */
public final class ServiceNode implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Map<String, String> env;
  private final Path log;
  private final String heap;
  private Process process;
  private long peakHwmKib;

  /**
   * Runs {@code <root>/<name>/target/quarkus-app}, or a copy of it taken now into {@code appDir}
   * when one is given: then a rebuild of the service while it runs (a shared checkout) cannot pull
   * the jars from under the running process.
   */
  public ServiceNode(
      Path root,
      String name,
      int port,
      Map<String, String> env,
      Path appDir,
      Path logDir,
      String heap) {
    this(root, name, name, port, env, appDir, logDir, heap);
  }

  /**
   * One of several replicas of {@code service}: {@code instance} names its process, log and app
   * copy (e.g. {@code watcher-service-1}).
   */
  public ServiceNode(
      Path root,
      String service,
      String instance,
      int port,
      Map<String, String> env,
      Path appDir,
      Path logDir,
      String heap) {
    this.name = instance;
    Path built = root.resolve(service).resolve("target/quarkus-app");
    if (!Files.exists(built.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(built + " is missing: build with ./shopset mvn install");
    }
    Path app = built;
    if (appDir != null) {
      app = appDir.resolve(name);
      GitRepositories.copy(built, app);
    }
    this.jar = app.resolve("quarkus-run.jar");
    this.port = port;
    this.env = Map.copyOf(env);
    this.log = logDir.resolve(name + ".log");
    this.heap = heap;
  }

  /** Starts the process (its output appended to {@link #log()}). */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-jar",
                jar.toString()));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  /** Waits until {@code /q/health/ready} answers 200. */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(200); // polling a child's endpoint: there is no event to wait on
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
  }

  /** {@code kill -9}: no shutdown hook, no offset commit, no flush. */
  public synchronized void kill9() {
    recordPeak();
    process.destroyForcibly();
    waitForExit();
  }

  /** Starts again after a kill or stop and waits for readiness. */
  public void restart() {
    start();
    awaitReady(Duration.ofSeconds(120));
  }

  /** Whether {@code /q/health/live} answers 200 now. */
  public boolean live() {
    if (!alive()) {
      return false;
    }
    HttpRequest live =
        HttpRequest.newBuilder(URI.create(url("/q/health/live")))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return HTTP.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public String name() {
    return name;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public Path log() {
    return log;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Resident set size now, in KiB (VmRSS). */
  public long rssKib() {
    return procStatus("VmRSS:");
  }

  /** Peak resident set size, in KiB (VmHWM), over every run of this service so far. */
  public synchronized long peakRssKib() {
    recordPeak();
    return peakHwmKib;
  }

  private void recordPeak() {
    peakHwmKib = Math.max(peakHwmKib, procStatus("VmHWM:"));
  }

  private long procStatus(String field) {
    if (process == null || !process.isAlive()) {
      return 0;
    }
    ProcessMemory memory = ProcessMemory.of(pid());
    return field.equals("VmHWM:") ? memory.peakKib() : memory.rssKib();
  }

  /** Asks the service to shut down (SIGTERM) without waiting; {@link #close} then waits. */
  public synchronized void signalStop() {
    if (process != null) {
      process.destroy();
    }
  }

  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    recordPeak();
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    waitForExit();
  }

  private void waitForExit() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
