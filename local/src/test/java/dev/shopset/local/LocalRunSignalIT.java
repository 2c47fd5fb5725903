package dev.shopset.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./shopset run} stopped the way a person stops it: a signal to the running process (what
 * Ctrl-C delivers) prints the summary and leaves no process of the stack behind.
 */
class LocalRunSignalIT {

  @Test
  void aSignalPrintsTheSummaryAndStopsEveryProcess() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path output = Files.createTempFile("shopset-run-", ".log");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process run =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dshopset.root=" + root,
                "-Dshopset.data=" + root.resolve("local/target/signal-run"),
                LocalRun.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      Waits.until(
          "the local run to be up (output in " + output + ")",
          Duration.ofMinutes(3),
          () -> read(output).contains("ShopSet is running") || !run.isAlive());
      assertThat(run.isAlive()).as(read(output)).isTrue();
      Waits.until(
          "the example ShopSets to be committed",
          Duration.ofMinutes(2),
          () -> read(output).contains("commit    prod") && read(output).contains("commit    dev"));
      List<ProcessHandle> stack = run.descendants().toList();
      assertThat(stack).as("broker and four services").hasSizeGreaterThanOrEqualTo(5);

      run.destroy(); // SIGTERM: the JVM runs its shutdown hook as on SIGINT (Ctrl-C)

      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
      String text = read(output);
      assertThat(text)
          .contains("==> Summary")
          .containsPattern("git log system dev:\\n\\s+[0-9a-f]{7} Render [0-9]+ ShopSets? on dev")
          .contains("==> Stopped; nothing is left running");
      assertThat(stack.stream().filter(ProcessHandle::isAlive).toList())
          .as("processes left behind")
          .isEmpty();
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
