package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.shopset.contracts.events.ShopSetDesired;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders per second on one thread, for a minimal ShopSet and one with every override. Runs only
 * with {@code -Pbench}: {@code ./shopset mvn -B -pl renderer-service verify -Pbench}.
 *
 * <p>The machine is shared, so warm-up and measurement are bounded by the CPU time the rendering
 * thread actually got, not by wall time, and three rates are printed: per wall-clock second (what
 * this run saw, waiting for a core included), per CPU-second of the rendering thread, and per
 * CPU-second of the whole JVM (rendering plus the GC and JIT threads it keeps busy: the figure for
 * "one core").
 */
class RenderBenchmark {

  private static final long WARM_UP_CPU_NANOS = 3_000_000_000L;
  private static final long MEASURE_CPU_NANOS = 5_000_000_000L;
  private static final long MAX_WALL_NANOS = 90_000_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  @Test
  void rendersPerSecondOnOneThread() {
    ShopSetRenderer renderer = new ShopSetRenderer(RenderSettings.defaults());
    System.out.printf(
        "BENCHMARK renderer: %d cores, load average %.2f at start%n",
        OS.getAvailableProcessors(), OS.getSystemLoadAverage());
    for (String name : List.of("minimal", "all")) {
      ShopSetDesired desired = (ShopSetDesired) Golden.input(name);
      run(renderer, desired, WARM_UP_CPU_NANOS);
      long threadCpu = THREADS.getCurrentThreadCpuTime();
      long processCpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      long count = run(renderer, desired, MEASURE_CPU_NANOS);
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e9;
      double jvmCpu = (OS.getProcessCpuTime() - processCpu) / 1e9;
      System.out.printf(
          "BENCHMARK renderer %-8s %,8.0f renders/s wall clock | %,8.0f per CPU-second of the"
              + " rendering thread | %,8.0f per CPU-second of the whole JVM (%,d renders, %.1f s"
              + " wall, %.1f s thread CPU, %.1f s JVM CPU, load average %.2f)%n",
          name,
          count / wall,
          count / cpu,
          count / jvmCpu,
          count,
          wall,
          cpu,
          jvmCpu,
          OS.getSystemLoadAverage());
      assertThat(count).isPositive();
    }
  }

  /** Renders until the thread has used {@code cpuNanos} of CPU (or the wall-clock cap). */
  private static long run(ShopSetRenderer renderer, ShopSetDesired desired, long cpuNanos) {
    long cpuEnd = THREADS.getCurrentThreadCpuTime() + cpuNanos;
    long wallEnd = System.nanoTime() + MAX_WALL_NANOS;
    long count = 0;
    int sink = 0;
    while (THREADS.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd) {
      for (int i = 0; i < 100; i++) {
        sink += renderer.render(desired).files().size();
      }
      count += 100;
    }
    if (sink == 42) {
      System.out.println("unlikely");
    }
    return count;
  }
}
