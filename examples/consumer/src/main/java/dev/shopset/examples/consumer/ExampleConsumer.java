package dev.shopset.examples.consumer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Prints every event on ShopSet's topics, one line each, and a summary at the end; see {@link
 * Options#USAGE}.
 */
public final class ExampleConsumer {

  private ExampleConsumer() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != 0) {
      // Not on success: after Ctrl-C the shutdown hook is running, and exit() would wait for it.
      System.exit(status);
    }
  }

  /** Runs with these arguments and environment; returns the exit status. */
  static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      out.print(Options.USAGE);
      return 0;
    }
    Options options;
    try {
      options = Options.parse(args, environment);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    try (TopicReader reader =
        new TopicReader(options.consumerSettings(), options.topics(), out::println)) {
      Summary summary;
      if (options.follow()) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread main = Thread.currentThread();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(() -> {
                  running.set(false);
                  reader.wakeup();
                  try {
                    main.join(10_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
        try {
          summary = reader.follow(running::get);
        } catch (WakeupException stopping) {
          summary = reader.summary();
        }
      } else {
        summary = reader.readToEnd(Duration.ofMinutes(5));
      }
      out.println("# " + summary);
      return 0;
    }
  }
}
