package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.ShopSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * How long {@code ./shopctl status -A} takes, as a person runs it (a new JVM per command, through
 * the launcher), over {@code bench.shopctl.shopsets} (1,000) ShopSets with statuses in the
 * in-memory API: wall time from process start to exit, median and max of 7 runs after the first
 * (which writes the class-data sharing archive), and the same without the archive. Prints the
 * figures and writes them to target/bench/shopctl-bench.txt. Run with {@code -Pbench}.
 */
class ShopctlBench {

  @Test
  void statusOfEveryNamespaceFromJvmStartToExit() throws Exception {
    int count = Integer.getInteger("bench.shopctl.shopsets", 1000);
    Path root = Path.of("").toAbsolutePath().getParent();
    Path launcher = root.resolve("shopctl");
    try (ApiFixture api = new ApiFixture()) {
      api.tier("dev", 0, "prod", false);
      api.tier("prod", 1, null, false);
      api.tierPins("dev", "a".repeat(40), Map.of(), null);
      try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
        for (int i = 0; i < count; i++) {
          int n = i;
          writers.submit(() -> {
            String ns = "tenant-" + (n % 20);
            api.shopSet(ns, "set-" + n, n % 2 == 0 ? "dev" : "prod", 50, "shop-" + n, "x-" + n);
            api.shopSetReady(ns, "set-" + n, "True", "Committed", "1".repeat(40));
            return null;
          });
        }
      }
      assertThat(api.client.resources(ShopSet.class).inAnyNamespace().list().getItems())
          .hasSize(count);
      List<String> command =
          List.of(launcher.toString(), "status", "-A", "--kubeconfig", api.kubeconfig.toString());
      List<Long> firstCpu = new ArrayList<>();
      long first = run(command, count, firstCpu);
      List<Long> withArchive = new ArrayList<>();
      List<Long> withArchiveCpu = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        withArchive.add(run(command, count, withArchiveCpu));
      }
      List<String> plain = new ArrayList<>(List.of(java(root), "-jar"));
      plain.add(root.resolve("shopctl-cli/target/shopctl.jar").toString());
      plain.addAll(command.subList(1, command.size()));
      List<Long> without = new ArrayList<>();
      List<Long> withoutCpu = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        without.add(run(plain, count, withoutCpu));
      }
      String report =
          """
          shopctl status -A over %d ShopSets (%d namespaces): wall time from process start to exit,
          and CPU time (user + system) of the process and its children (load average %s):
            ./shopctl, first run (builds the AOT cache or CDS archive): wall %d ms, CPU %d ms
            ./shopctl with it (C1, SerialGC), 7 runs: wall median %d ms (max %d), CPU median %d ms
            java -jar shopctl.jar without cache or flags, 3 runs: wall median %d ms (max %d), CPU median %d ms
          """
              .formatted(
                  count,
                  Math.min(count, 20),
                  Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
                  first,
                  firstCpu.get(0),
                  median(withArchive),
                  max(withArchive),
                  median(withArchiveCpu),
                  median(without),
                  max(without),
                  median(withoutCpu));
      System.out.println(report);
      Path out = Path.of("target/bench/shopctl-bench.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
    }
  }

  /** One run: wall ms; its CPU ms (user + system, from bash's times) go to {@code cpu}. */
  static long run(List<String> command, int expectedRows, List<Long> cpu)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("status", ".txt");
    List<String> wrapped =
        new ArrayList<>(
            List.of("bash", "-c", "\"$@\" > " + out + "; s=$?; times; exit $s", "shopctl-bench"));
    wrapped.addAll(command);
    long start = System.nanoTime();
    Process p = new ProcessBuilder(wrapped).start();
    String times = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    int exit = p.waitFor();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(exit).as(err).isZero();
    assertThat(Files.readString(out).lines().count()).isEqualTo(expectedRows + 1);
    // second line of `times`: the children's user and system time, e.g. "0m1.234s 0m0.321s"
    String[] children = times.lines().toList().get(1).trim().split("\\s+");
    cpu.add(seconds(children[0]) + seconds(children[1]));
    Files.delete(out);
    return millis;
  }

  static long seconds(String bashTime) {
    String[] mAndS = bashTime.replace("s", "").split("m");
    return Math.round((Long.parseLong(mAndS[0]) * 60 + Double.parseDouble(mAndS[1])) * 1000);
  }

  static String java(Path root) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(root.resolve("bin/find-jdk").toString()).start();
    String home = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor();
    return home + "/bin/java";
  }

  static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElseThrow();
  }
}
