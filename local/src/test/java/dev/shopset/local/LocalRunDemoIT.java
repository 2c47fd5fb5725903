package dev.shopset.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./shopset run --demo} as CI runs it: the broker, the in-memory API, git over HTTP and the
 * four services from their built artifacts, the whole story, and nothing left running after.
 */
class LocalRunDemoIT {

  private static final Pattern TOTAL =
      Pattern.compile("total\\s+\\d+ MiB\\s+\\(peak (\\d+) MiB; budget 2048 MiB");

  @Test
  void theDemoStoryComesTrueStepByStepAndLeavesNothingRunning() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    // Shown in the build log too, so a failing CI run tells its story.
    PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);

    int exit = new LocalRun(root, root.resolve("local/target/demo-run"), out, null).demo();

    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit code of the demo").isZero();
    assertThat(output)
        .contains("applied   ShopSet       shops-eu/eu-small")
        .contains("Demo 1/5", "Demo 2/5", "Demo 3/5", "Demo 4/5", "Demo 5/5")
        .containsPattern("commit    dev [0-9a-f]{8} \"Render 1 ShopSet on dev")
        .containsPattern("status    eu-small committed as [0-9a-f]{8}")
        .containsPattern("commit    dev [0-9a-f]{8} \"base: [0-9a-f]{7}\\.\\.[0-9a-f]{7}\"")
        .contains("$ shopctl promote dev --wait")
        .containsPattern("shopctl   Promotion dev-to-prod-[a-z0-9]+ created: dev -> prod")
        .containsPattern(
            "shopctl   Promotion dev-to-prod-[a-z0-9]+ Succeeded: prod is now at [0-9a-f]{40}")
        .containsPattern("promoted  dev-to-prod-[a-z0-9]+: SUCCEEDED")
        .containsPattern("commit    prod [0-9a-f]{8} \"base: ")
        .contains("rollout   shops-eu/shop-web rev 2 succeeded")
        .contains("slack     #shops-eu new message")
        .contains(":white_check_mark: shop-web rolled out")
        .contains("git log system prod:")
        .contains("Demo complete: every step came true.");
    // One trace per change, its id printed on each event line of it (nothing is exported here):
    // the render continues the desired state's trace, a commit continues one of its ShopSets'.
    Matcher desired =
        Pattern.compile("desired   shops-eu/eu-small gen 1 .*  trace ([0-9a-f]{32})")
            .matcher(output);
    assertThat(desired.find()).as("the desired line ends with a trace id").isTrue();
    assertThat(output)
        .containsPattern("rendered  shops-eu/eu-small gen 1: .*  trace " + desired.group(1));
    java.util.Set<String> devChanges =
        Pattern.compile("desired   shops-eu/\\S+ gen 1 on dev .*  trace ([0-9a-f]{32})")
            .matcher(output)
            .results()
            .map(m -> m.group(1))
            .collect(java.util.stream.Collectors.toSet());
    Matcher firstCommit =
        Pattern.compile("commit    dev [0-9a-f]{8} \"Render .*  trace ([0-9a-f]{32})")
            .matcher(output);
    assertThat(firstCommit.find()).as("the commit line ends with a trace id").isTrue();
    assertThat(devChanges).contains(firstCommit.group(1));
    Matcher total = TOTAL.matcher(output);
    assertThat(total.find()).as("a memory total is printed").isTrue();
    assertThat(Long.parseLong(total.group(1))).as("peak MiB of the whole stack").isLessThan(2048);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("processes left behind")
        .isEmpty();
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
