package dev.shopset.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the broker child process: formats the KRaft storage if needed, then runs the Kafka
 * server. It exits when its standard input closes, so the broker never outlives the process that
 * started it, even one killed with {@code kill -9}.
 */
public final class KafkaServerMain {

  private KafkaServerMain() {}

  /**
   * Arguments: the server properties file, the cluster id, and optionally a SCRAM credential to
   * write into the metadata when formatting ({@code SCRAM-SHA-512=[name=...,password=...]}).
   */
  public static void main(String[] args) throws IOException {
    Path properties = Path.of(args[0]);
    String clusterId = args[1];
    watchParent();
    Path logDir = Path.of(logDirOf(properties));
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      java.util.List<String> format =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "format", "-t", clusterId, "-c", properties.toString(), "--ignore-formatted"));
      if (args.length > 2) {
        format.add("--add-scram");
        format.add(args[2]);
      }
      int formatted =
          kafka.tools.StorageTool.execute(
              format.toArray(String[]::new), new PrintStream(System.out, true));
      if (formatted != 0) {
        System.err.println("Formatting the KRaft storage failed with exit code " + formatted);
        System.exit(formatted);
      }
    }
    kafka.Kafka.main(new String[] {properties.toString()});
  }

  private static String logDirOf(Path properties) throws IOException {
    var props = new java.util.Properties();
    try (var in = Files.newInputStream(properties)) {
      props.load(in);
    }
    return props.getProperty("log.dirs");
  }

  private static void watchParent() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // the parent never writes; any byte is ignored
                }
              } catch (IOException ignored) {
                // a broken pipe means the parent is gone, same as end of input
              }
              Runtime.getRuntime().halt(0);
            },
            "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
