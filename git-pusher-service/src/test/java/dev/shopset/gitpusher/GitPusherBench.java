package dev.shopset.gitpusher;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.Topics;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.CommitMessage;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.git.JGitSystemBranch;
import dev.shopset.gitpusher.git.RemoteHeads;
import dev.shopset.gitpusher.testing.Branches;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.gitpusher.testing.GitHostTestResource;
import dev.shopset.gitpusher.testing.KafkaEvents;
import dev.shopset.gitpusher.testing.Webhooks;
import dev.shopset.kafka.KafkaBrokerTestResource;
import dev.shopset.testkit.GitCli;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark, against the real broker and the smart-HTTP git host of the ITs. Runs only
 * with {@code -Pbench}: {@code ./shopset mvn -B -pl git-pusher-service verify -Pbench}. Prints a
 * table; fails only when the service does not finish, never on a missed target.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GitHostTestResource.class)
class GitPusherBench {

  static final int SHOPSETS = Integer.getInteger("bench.shopsets", 10_000);
  static final int BATCH = 500;
  static final int ROUNDS = 3;

  final List<String[]> table = new ArrayList<>();

  @Test
  void tenThousandShopSetsOnOneBranch() throws Exception {
    Fixtures git = GitHostTestResource.fixtures();
    String app = git.appRepo("bench-app");
    String config = git.configRepo("bench-config");
    String system = git.emptyRepo("bench-system");
    try (KafkaEvents kafka = new KafkaEvents(Topics.COMMITS)) {
      List<RenderResult> renders =
          IntStream.range(0, SHOPSETS)
              .mapToObj(
                  i -> render(system, app, config, "shop", "s%05d".formatted(i), 1, 1 + i % 3))
              .toList();

      // Creates shopset.sources and lets the consumer join before anything is measured (in a
      // cluster the topic exists): a push to a repository no system branch pins.
      webhook(git.appRepo("bench-unpinned"), null, git.head(app, TIER));

      Instant start = Instant.now();
      kafka.send(Topics.RENDERS, renders);
      Instant sent = Instant.now();
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> shopSetsPushed(kafka, system) >= SHOPSETS);
      List<CommitPushed> pushed = pushed(kafka, system);
      Instant last =
          pushed.stream().map(CommitPushed::committedAt).max(Instant::compareTo).orElseThrow();
      int commits = commitCount(git, system);
      row(
          SHOPSETS + " render results, one branch: sent to Kafka to last push",
          seconds(Duration.between(start, last)),
          "< 60 s");
      row("  of which producing to Kafka", seconds(Duration.between(start, sent)), "(included)");
      row("  commits on the branch", Integer.toString(commits), "< 50");
      row(
          "  results per second",
          "%,.0f".formatted(SHOPSETS / (Duration.between(start, last).toMillis() / 1000.0)),
          "");
      assertThat(commits).isEqualTo(pushed.size());

      String old = git.head(app, TIER);
      String next = old;
      long[] bumps = new long[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        String before = next;
        next = git.commitFiles(app, TIER, "release.txt", "v" + round + "\n");
        int expected = commits + round + 1;
        Instant hook = Instant.now();
        webhook(app, before, next);
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> pushed(kafka, system).size() == expected);
        CommitPushed bump = pushed(kafka, system).get(expected - 1);
        assertThat(bump.summary()).startsWith("base: ");
        assertThat(bump.filesChanged()).isEqualTo(1);
        bumps[round] = Duration.between(hook, bump.committedAt()).toNanos();
      }
      row(
          "base pin bump, " + SHOPSETS + " ShopSets in the tier: webhook to pushed",
          millis(median(bumps)),
          "< 1 s");
      row("  slowest of " + ROUNDS, millis(Arrays.stream(bumps).max().orElseThrow()), "");
      row(
          "  commits per bump",
          "%.1f".formatted((commitCount(git, system) - commits) / (double) ROUNDS),
          "1");

      compareWithCli(git, system, app, config, old, next, renders);
    }
    print();
  }

  static void webhook(String repository, String before, String after) {
    Webhooks.post(Webhooks.push(repository, TIER, before, after), Webhooks.SECRET).statusCode(202);
  }

  /** The same commits made by a JGit workspace and by the git CLI on a checkout of the branch. */
  void compareWithCli(
      Fixtures git,
      String system,
      String app,
      String config,
      String old,
      String next,
      List<RenderResult> renders)
      throws Exception {
    Path root = git.root.resolve("bench-compare");
    RemoteHeads heads = new RemoteHeads(git.credentials(root.resolve("none")));
    Path checkout = root.resolve("checkout");
    git.cli.git(root, "clone", "-q", "-b", TIER, system, checkout.toString());
    try (JGitSystemBranch ws =
        Branches.open(root.resolve("jgit"), system, TIER, heads, "Bench", "b@x")) {
      ws.sync();
      long[] jgitPin = new long[ROUNDS];
      long[] cliPin = new long[ROUNDS];
      long[] jgitBatch = new long[ROUNDS];
      long[] cliBatch = new long[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        String to = round % 2 == 0 ? old : next;
        String from = round % 2 == 0 ? next : old;
        Changes pin = Changes.pins(Map.of("base", to));
        long t = System.nanoTime();
        assertThat(
                ws.commit(pin, SourceHeads.none(), pins -> CommitMessage.of(TIER, List.of(), pins)))
            .isPresent();
        jgitPin[round] = System.nanoTime() - t;

        t = System.nanoTime();
        git.cli.git(checkout, "update-index", "--cacheinfo", "160000," + to + ",base");
        git.cli.git(checkout, "commit", "-q", "-m", "base: " + from + ".." + to);
        cliPin[round] = System.nanoTime() - t;

        List<RenderEvent> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          RenderResult r = renders.get((round * BATCH + i * 7) % renders.size());
          batch.add(render(system, app, config, "shop", r.name(), 10 + round, 4 + round));
        }
        Changes changes = Changes.of(batch);
        t = System.nanoTime();
        assertThat(
                ws.commit(changes, SourceHeads.none(), pins -> CommitMessage.of(TIER, batch, pins)))
            .isPresent();
        jgitBatch[round] = System.nanoTime() - t;

        t = System.nanoTime();
        for (RenderEvent event : batch) {
          RenderResult r = (RenderResult) event;
          deleteTree(checkout.resolve(r.directory()));
          for (Map.Entry<String, String> file : r.files().entrySet()) {
            GitCli.write(checkout.resolve(file.getKey()), file.getValue());
          }
        }
        git.cli.git(checkout, "add", "-A", "shopsets", "apps");
        git.cli.git(checkout, "commit", "-q", "-m", CommitMessage.of(TIER, batch, List.of()));
        cliBatch[round] = System.nanoTime() - t;
      }
      compare("base pin bump", jgitPin, cliPin);
      compare(BATCH + " render results on " + SHOPSETS + " ShopSets", jgitBatch, cliBatch);
    }
  }

  void compare(String what, long[] jgit, long[] cli) {
    long j = median(jgit);
    long c = median(cli);
    row("commit '" + what + "': JGit (median of " + ROUNDS + ")", millis(j), "");
    row("  git CLI, same commit on a checkout", millis(c), "");
    row("  ratio git CLI / JGit", "%.2f".formatted((double) c / j), "> 1 = JGit faster");
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static List<CommitPushed> pushed(KafkaEvents kafka, String system) {
    return kafka.events(CommitPushed.class).stream()
        .filter(e -> e.systemRepository().equals(system))
        .toList();
  }

  static long shopSetsPushed(KafkaEvents kafka, String system) {
    return pushed(kafka, system).stream()
        .flatMap(e -> e.shopSets().stream())
        .map(ShopSetRef::name)
        .distinct()
        .count();
  }

  static int commitCount(Fixtures git, String system) {
    Path clone = git.root.resolve("bench-count" + System.nanoTime());
    git.cli.git(git.root, "clone", "-q", "--bare", "-b", TIER, system, clone.toString());
    return Integer.parseInt(git.cli.git(clone, "rev-list", "--count", TIER).strip());
  }

  void row(String what, String value, String target) {
    table.add(new String[] {what, value, target});
  }

  void print() {
    StringBuilder out =
        new StringBuilder("\nBENCHMARK git-pusher (")
            .append(Runtime.getRuntime().availableProcessors())
            .append(" cores, git host: git http-backend over smart HTTP on loopback)\n");
    String format = "| %-66s | %10s | %-20s |%n";
    out.append(format.formatted("measure", "value", "target"));
    out.append(format.formatted("-".repeat(66), "-".repeat(10), "-".repeat(20)));
    table.forEach(r -> out.append(format.formatted(r[0], r[1], r[2])));
    System.out.println(out);
  }

  static String seconds(Duration d) {
    return "%.2f s".formatted(d.toMillis() / 1000.0);
  }

  static String millis(long nanos) {
    return "%.0f ms".formatted(nanos / 1e6);
  }

  /** Deletes a directory of the CLI checkout, as a tool replacing it whole would. */
  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
