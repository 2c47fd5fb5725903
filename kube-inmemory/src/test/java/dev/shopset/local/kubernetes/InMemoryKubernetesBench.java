package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How the in-memory API of the local run scales: ShopSet creations through the API (4 writers, one
 * informer watching every ShopSet, as the watcher does) up to {@code bench.api.objects} (default
 * 10,000), and get / list latency of one small namespace at growing store sizes. Prints a table and
 * writes it to {@code target/bench/in-memory-api.txt}.
 */
class InMemoryKubernetesBench {

  private static final int WRITERS = 4;
  private static final int SAMPLES = 500;

  @Test
  void createsGetsAndListsAtAnyStoreSize() throws Exception {
    int total = Integer.getInteger("bench.api.objects", 10_000);
    List<Integer> sizes = new ArrayList<>();
    for (int size = 100; size < total; size *= 10) {
      sizes.add(size);
    }
    sizes.add(total);
    List<String> lines = new ArrayList<>();
    lines.add(
        "load average before: %.2f"
            .formatted(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    lines.add(
        "| objects stored | created (4 writers) | creations/s | get p50 / p99 | list of 10 in a namespace p50 / p99 | heap after GC |");
    lines.add("|---|---|---|---|---|---|");
    try (InMemoryKubernetes api = InMemoryKubernetes.start(0);
        KubernetesClient client = api.client()) {
      AtomicInteger seen = new AtomicInteger();
      var informer =
          client
              .resources(ShopSet.class)
              .inAnyNamespace()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ShopSet obj) {
                      seen.incrementAndGet();
                    }

                    @Override
                    public void onUpdate(ShopSet oldObj, ShopSet newObj) {}

                    @Override
                    public void onDelete(ShopSet obj, boolean deletedFinalStateUnknown) {}
                  });
      // A small namespace whose get and list are measured at every size.
      for (int i = 0; i < 10; i++) {
        client.resource(shopSet("probe", "probe-" + i)).create();
      }
      int stored = 10;
      for (int size : sizes) {
        int from = stored;
        long start = System.nanoTime();
        createAll(client, from, size);
        double seconds = (System.nanoTime() - start) / 1e9;
        int created = size - from;
        stored = size;
        await().atMost(Duration.ofMinutes(5)).until(() -> seen.get() >= size);
        List<Long> gets = new ArrayList<>();
        List<Long> lists = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
          long t0 = System.nanoTime();
          client.resources(ShopSet.class).inNamespace("probe").withName("probe-" + i % 10).get();
          gets.add(System.nanoTime() - t0);
          long t1 = System.nanoTime();
          int listed =
              client.resources(ShopSet.class).inNamespace("probe").list().getItems().size();
          lists.add(System.nanoTime() - t1);
          assertThat(listed).isEqualTo(10);
        }
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        lines.add(
            "| %,d | %,d in %.1f s | %,.0f | %s | %s | %d MiB |"
                .formatted(
                    size,
                    created,
                    seconds,
                    created / seconds,
                    percentiles(gets),
                    percentiles(lists),
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20));
      }
      informer.close();
    }
    lines.add(
        "load average after: %.2f"
            .formatted(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    report(lines);
  }

  private static void createAll(KubernetesClient client, int from, int to) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        all.add(
            writers.submit(() -> {
              for (int i = from + writer; i < to; i += WRITERS) {
                // 100 namespaces, as many tenants would have
                client.resource(shopSet("tenant-" + i % 100, "bench-%06d".formatted(i))).create();
              }
            }));
      }
      for (Future<?> f : all) {
        f.get(30, TimeUnit.MINUTES);
      }
    } finally {
      writers.shutdown();
    }
  }

  private static ShopSet shopSet(String namespace, String name) {
    ShopSet shopSet = new ShopSet();
    shopSet.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    shopSet.setSpec(
        new ShopSetSpec(
            "bench", "standard", List.of("shop-" + name), 1, null, null, null, null, null, null));
    return shopSet;
  }

  private static String percentiles(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f ms",
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get((int) (sorted.size() * 0.99)) / 1e6);
  }

  private static void report(List<String> lines) throws IOException {
    String table = String.join("\n", lines) + "\n";
    System.out.println("\nIn-memory Kubernetes API\n" + table);
    Path out = Path.of("target/bench/in-memory-api.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
