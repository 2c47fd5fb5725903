package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.ShopSetDesired;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders per second on one thread, for a minimal ShopSet and one with every override. Runs only
 * with {@code -Pbench}: {@code ./shopset mvn -B -pl renderer-service verify -Pbench}.
 */
class RenderBenchmark {

  private static final long WARM_UP_NANOS = 3_000_000_000L;
  private static final long MEASURE_NANOS = 5_000_000_000L;

  @Test
  void rendersPerSecondOnOneThread() {
    ShopSetRenderer renderer = new ShopSetRenderer(RenderSettings.defaults());
    for (String name : List.of("minimal", "all")) {
      ShopSetDesired desired = (ShopSetDesired) Golden.input(name);
      run(renderer, desired, WARM_UP_NANOS);
      java.lang.management.ThreadMXBean threads =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long count = run(renderer, desired, MEASURE_NANOS);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      // Wall clock counts time the thread waited for a core on a shared machine; CPU time not.
      System.out.printf(
          "BENCHMARK renderer %-8s %,.0f renders/s wall clock, %,.0f renders per CPU-second"
              + " on one thread (%,d renders, %.1f s wall, %.1f s CPU)%n",
          name, count / seconds, count / cpuSeconds, count, seconds, cpuSeconds);
      assertThat(count).isPositive();
    }
  }

  private static long run(ShopSetRenderer renderer, ShopSetDesired desired, long nanos) {
    long end = System.nanoTime() + nanos;
    long count = 0;
    int sink = 0;
    while (System.nanoTime() < end) {
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
